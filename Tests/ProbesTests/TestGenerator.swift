import TrainingCore

/// The tests' random inputs: the core's seeded generator on its own named stream.
struct TestGenerator: RandomNumberGenerator {
    private var base: SeededGenerator
    init(seed: UInt64) { base = SeededGenerator(seed: seed, stream: "probes tests") }
    mutating func next() -> UInt64 { base.next() }
    mutating func uniform(_ range: ClosedRange<Double> = -1...1) -> Double {
        Double.random(in: range, using: &self)
    }
    mutating func uniforms(_ count: Int, _ range: ClosedRange<Double> = -1...1) -> [Double] {
        (0..<count).map { _ in uniform(range) }
    }
}
