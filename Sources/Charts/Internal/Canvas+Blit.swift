extension Canvas {
    /// Copies an image's pixels (alpha ignored) with its top-left corner at device pixel (`x`, `y`),
    /// clipped to the canvas. Used to place rendered panels; colours are copied as they are.
    mutating func blit(_ image: PNGImage, atDeviceX x: Int, y: Int) {
        for row in 0..<image.height where y + row >= 0 && y + row < height {
            for col in 0..<image.width where x + col >= 0 && x + col < width {
                let s = 4 * (row * image.width + col), d = 3 * ((y + row) * width + x + col)
                pixels[d] = Float(image.rgba[s]) / 255
                pixels[d + 1] = Float(image.rgba[s + 1]) / 255
                pixels[d + 2] = Float(image.rgba[s + 2]) / 255
            }
        }
    }
}
