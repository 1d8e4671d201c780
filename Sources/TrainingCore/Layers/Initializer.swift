/// How a layer's weights are drawn at construction.
public enum Initializer: String, Codable, Hashable, Sendable {
    /// He et al. 2015: `N(0, 2 / fanIn)` — for ReLU networks.
    case he
    /// Glorot & Bengio 2010: `U(−a, a)` with `a = √(6 / (fanIn + fanOut))` — for tanh/sigmoid.
    case glorot
    /// LeCun: `N(0, 1 / fanIn)`.
    case lecun
    /// All zeros.
    case zeros

    /// Fills `count` weights of a layer with the given fan-in and fan-out.
    func fill(_ w: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, fanOut: Int,
              rng: inout SeededGenerator) {
        switch self {
        case .he:
            let sd = (2 / Float(max(1, fanIn))).squareRoot()
            for i in 0..<count { w[i] = rng.normal(standardDeviation: sd) }
        case .lecun:
            let sd = (1 / Float(max(1, fanIn))).squareRoot()
            for i in 0..<count { w[i] = rng.normal(standardDeviation: sd) }
        case .glorot:
            let a = (6 / Float(max(1, fanIn + fanOut))).squareRoot()
            for i in 0..<count { w[i] = rng.uniform(-a, a) }
        case .zeros:
            w.update(repeating: 0, count: count)
        }
    }
}
