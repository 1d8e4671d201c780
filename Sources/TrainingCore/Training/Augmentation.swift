/// What is done to each training batch before its step: random crops after zero padding and
/// horizontal flips (as in Zhang et al.'s "random crop" rows; inputs must be `(C, H, W)`),
/// Gaussian input noise, and adversarial training (Arpit et al.'s regularizers against
/// memorization; any input shape).
public struct Augmentation: Codable, Hashable, Sendable {
    /// Pad each side by this many zero pixels, then crop a random `H × W` window (0 = no crop).
    public var cropPadding: Int
    /// Mirror each image left–right with probability 1/2.
    public var horizontalFlip: Bool
    /// Add independent Gaussian noise of this standard deviation to every input value (0 = none).
    public var inputNoise: Float = 0
    /// Adversarial training: replace each batch by its fast-gradient-sign examples
    /// `x + ε·sign(∇ₓℓ)`, the gradient taken in evaluation mode at the current weights (0 = none).
    public var adversarialEpsilon: Float = 0

    /// An augmentation; the default does nothing.
    public init(cropPadding: Int = 0, horizontalFlip: Bool = false, inputNoise: Float = 0, adversarialEpsilon: Float = 0) {
        self.cropPadding = cropPadding
        self.horizontalFlip = horizontalFlip
        self.inputNoise = inputNoise
        self.adversarialEpsilon = adversarialEpsilon
    }

    /// Whether it leaves every batch as it is (then a run does not need it at all).
    public var isIdentity: Bool { cropPadding == 0 && !horizontalFlip && inputNoise == 0 && adversarialEpsilon == 0 }

    /// Throws unless the augmentation can apply to examples of `shape`.
    func validate(shape: [Int]) throws {
        guard cropPadding >= 0 else { throw TrainingCoreError("Augmentation: cropPadding must be non-negative") }
        guard inputNoise >= 0, inputNoise.isFinite, adversarialEpsilon >= 0, adversarialEpsilon.isFinite else {
            throw TrainingCoreError("Augmentation: inputNoise and adversarialEpsilon must be finite and non-negative")
        }
        guard cropPadding == 0 && !horizontalFlip || shape.count == 3 else {
            throw TrainingCoreError("Augmentation: crops and flips need (C, H, W) examples, got \(shape)")
        }
    }

    /// Crops and flips `batch` examples of `shape (C, H, W)` in place (nothing, and no random draw,
    /// without crops or flips); `scratch` holds one example.
    func apply(_ x: UnsafeMutablePointer<Float>, batch: Int, shape: [Int], scratch: UnsafeMutablePointer<Float>,
               rng: inout SeededGenerator) {
        guard cropPadding > 0 || horizontalFlip else { return }
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

    /// Adds the Gaussian input noise to `count` values in place (nothing when `inputNoise` is 0,
    /// so no random number is drawn).
    func addNoise(_ x: UnsafeMutablePointer<Float>, count: Int, rng: inout SeededGenerator) {
        guard inputNoise > 0 else { return }
        for i in 0..<count { x[i] += inputNoise * Float(rng.nextNormal()) }
    }

    /// Moves each input value by `adversarialEpsilon` in the direction of its loss gradient's sign
    /// (zero gradient: unchanged).
    func adversarialStep(_ x: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, count: Int) {
        let eps = adversarialEpsilon
        for i in 0..<count { x[i] += g[i] > 0 ? eps : (g[i] < 0 ? -eps : 0) }
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
