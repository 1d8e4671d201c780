/// Random data augmentation applied to each training batch: random crops after zero padding
/// and horizontal flips (as in Zhang et al.'s "random crop" rows). Inputs must be `(C, H, W)`.
public struct Augmentation: Codable, Hashable, Sendable {
    /// Pad each side by this many zero pixels, then crop a random `H × W` window (0 = no crop).
    public var cropPadding: Int
    /// Mirror each image left–right with probability 1/2.
    public var horizontalFlip: Bool

    /// An augmentation; the default does nothing.
    public init(cropPadding: Int = 0, horizontalFlip: Bool = false) {
        self.cropPadding = cropPadding
        self.horizontalFlip = horizontalFlip
    }

    /// Throws unless the augmentation can apply to examples of `shape`.
    func validate(shape: [Int]) throws {
        guard cropPadding >= 0 else { throw TrainingCoreError("Augmentation: cropPadding must be non-negative") }
        guard cropPadding == 0 && !horizontalFlip || shape.count == 3 else {
            throw TrainingCoreError("Augmentation: crops and flips need (C, H, W) examples, got \(shape)")
        }
    }

    /// Augments `batch` examples of `shape (C, H, W)` in place; `scratch` holds one example.
    func apply(_ x: UnsafeMutablePointer<Float>, batch: Int, shape: [Int], scratch: UnsafeMutablePointer<Float>,
               rng: inout SeededGenerator) {
        let (c, h, w) = (shape[0], shape[1], shape[2])
        let size = c * h * w, p = cropPadding
        for n in 0..<batch {
            let image = x + n * size
            if p > 0 {
                // out[ch, i, j] = in[ch, i + dy − p, j + dx − p], zero outside.
                let dy = rng.nextInt(below: 2 * p + 1) - p, dx = rng.nextInt(below: 2 * p + 1) - p
                scratch.update(from: image, count: size)
                for ch in 0..<c {
                    for i in 0..<h {
                        let out = image + (ch * h + i) * w
                        let sy = i + dy
                        guard sy >= 0 && sy < h else { out.update(repeating: 0, count: w); continue }
                        let src = scratch + (ch * h + sy) * w
                        for j in 0..<w { let sx = j + dx; out[j] = (sx >= 0 && sx < w) ? src[sx] : 0 }
                    }
                }
            }
            if horizontalFlip && rng.next() & 1 == 1 {
                for row in 0..<(c * h) {
                    let r = image + row * w
                    var a = 0, b = w - 1
                    while a < b { let t = r[a]; r[a] = r[b]; r[b] = t; a += 1; b -= 1 }
                }
            }
        }
    }

    /// A randomly augmented copy of a whole data set (one draw per example).
    public func augmented(_ data: LabeledData, rng: inout SeededGenerator) throws -> LabeledData {
        try validate(shape: data.sampleShape)
        var out = data
        guard data.count > 0 else { return out }
        let scratch = FloatBuffer(count: data.sampleSize)
        let shape = data.sampleShape
        out.inputs.scalars.withUnsafeMutableBufferPointer { x in
            apply(x.baseAddress!, batch: data.count, shape: shape, scratch: scratch.pointer, rng: &rng)
        }
        return out
    }
}
