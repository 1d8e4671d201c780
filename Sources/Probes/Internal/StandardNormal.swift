import Foundation

/// One draw from N(0, 1) by the Box–Muller transform, from the generator passed in.
func drawStandardNormal(_ rng: inout some RandomNumberGenerator) -> Double {
    // u1 ∈ (0, 1] so that log(u1) is finite.
    let u1 = 1.0 - Double.random(in: 0..<1, using: &rng)
    let u2 = Double.random(in: 0..<1, using: &rng)
    return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
}
