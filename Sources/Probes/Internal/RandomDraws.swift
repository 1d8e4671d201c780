import Foundation

// Random draws written out here (not the standard library's `random(in:using:)` / `shuffle`),
// so results depend only on the generator's 64-bit stream, on every platform and Swift version.

/// A uniform draw in [0, 1) with 53 random bits.
func drawUniform01(_ rng: inout some RandomNumberGenerator) -> Double {
    Double(rng.next() >> 11) * 0x1.0p-53
}

/// One draw from N(0, 1) by the Box–Muller transform.
func drawStandardNormal(_ rng: inout some RandomNumberGenerator) -> Double {
    let u1 = 1.0 - drawUniform01(&rng)     // (0, 1], so log(u1) is finite
    let u2 = drawUniform01(&rng)
    return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
}

/// A uniform integer in `0..<bound` (rejection sampling, no modulo bias).
func drawIndex(below bound: Int, _ rng: inout some RandomNumberGenerator) -> Int {
    precondition(bound > 0, "drawIndex: bound must be positive")
    let b = UInt64(bound)
    let limit = UInt64.max - UInt64.max % b
    while true {
        let r = rng.next()
        if r < limit { return Int(r % b) }
    }
}

/// Fisher–Yates shuffle in place.
func shuffleInPlace<T>(_ array: inout [T], _ rng: inout some RandomNumberGenerator) {
    var i = array.count - 1
    while i > 0 {
        let j = drawIndex(below: i + 1, &rng)
        if i != j { array.swapAt(i, j) }
        i -= 1
    }
}
