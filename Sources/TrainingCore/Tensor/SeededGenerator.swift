#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deterministic random-number generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice in the core — initial weights, shuffles, dropout masks, corruptions — draws
/// from a generator passed in explicitly, so the same seed gives the same bits on every platform.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= SeededGenerator.golden
            return SeededGenerator.mix(x)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The generator of one named purpose of a run (`"data"`, `"restarts"`, `"search"`, …): its
    /// seed is ``streamSeed(_:stream:)``, so streams with different labels are independent of each
    /// other and of `SeededGenerator(seed: seed)`.
    ///
    /// ```swift
    /// var weights = SeededGenerator(seed: seed)                // the weights' stream
    /// var data = SeededGenerator(seed: seed, stream: "data")   // label corruption, noise inputs
    /// ```
    public init(seed: UInt64, stream label: String) {
        self.init(seed: SeededGenerator.streamSeed(seed, stream: label))
    }

    /// The seed of stream `label` of `seed`: `mix(seed ⊕ mix(FNV-1a(label)))`, with `mix` the
    /// SplitMix64 finalizer (a bijection of 64-bit words).
    ///
    /// For a fixed label the map from seeds is a bijection, and different labels give unrelated
    /// seeds. Never derive a stream by adding a constant to a seed: `seed &+ golden` seeds a
    /// generator whose state words are three of `seed`'s own, shifted by one.
    public static func streamSeed(_ seed: UInt64, stream label: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325                       // FNV-1a offset basis
        for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(seed ^ mix(h))
    }

    /// SplitMix64's increment, the golden ratio times 2⁶⁴ (only here).
    private static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's output function (Stafford's Mix13): a bijection that spreads every input bit.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A new generator with an independent stream, derived from this one (advances this one).
    public mutating func fork() -> SeededGenerator { SeededGenerator(seed: next()) }

    /// A uniform draw in `[0, 1)` with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform draw in `[0, 1)` with 24 random bits.
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// A uniform draw in `[low, high)`.
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextFloat() }

    /// A uniform integer in `0..<bound` (unbiased, by rejection).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "SeededGenerator.nextInt: bound must be positive")
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let r = next()
            if r < limit { return Int(r % b) }
        }
    }

    /// A standard normal draw (Box–Muller in Double; one draw per call, so streams stay simple).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextDouble()   // (0, 1]
        let u2 = nextDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A normal draw with the given mean and standard deviation, as Float.
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        mean + standardDeviation * Float(nextNormal())
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates with this generator's draws).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles `array` in place (Fisher–Yates), independent of the standard library's algorithm.
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
            i -= 1
        }
    }
}
