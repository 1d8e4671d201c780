/// The depth–width trade-off of Zhang et al. (2017), Appendix C: for every depth `k ≥ 2` a ReLU
/// network of depth `k`, width `O(n/k)` and `O(n + d)` weights represents any function on `n`
/// points in `d` dimensions.
///
/// Built from Theorem 1's network `f(x) = Σⱼ wⱼ · max(⟨a, x⟩ − bⱼ, 0)` (``FiniteSampleExpressivity``):
/// its `n` hinge units, in increasing order of `bⱼ`, are cut into `k − 1` consecutive blocks, one per
/// hidden layer. Every hidden layer ℓ holds
/// - `t`, the shifted projection `max(⟨a, x⟩ − c, 0)` with `c` below every bias, passed on unchanged
///   (a ReLU of a positive value) so that the next block can form `max(t − (bⱼ − c), 0) = max(⟨a, x⟩ − bⱼ, 0)`;
/// - block ℓ's hinge units;
/// - from layer 2 on, the partial sum `S` of the earlier blocks' terms `wⱼ · hⱼ` as the pair
///   `max(S, 0)`, `max(−S, 0)` (their difference is `S`).
///
/// The output adds the last pair and the last block's terms. The function equals Theorem 1's
/// everywhere, not only on the sample: where `⟨a, x⟩ < c` every hinge of both networks is 0.
///
/// Weights are counted as Theorem 1 counts its `2n + d`: the first layer's units all read the same
/// projection `a`, counted once (`d`); after that every nonzero connection and bias counts. Depth 2 is
/// Theorem 1's network itself.
public struct DeepFiniteSampleNetwork: Sendable {
    /// One connection of a layer: output unit `to` reads input unit `from` with `weight`.
    public struct Connection: Sendable {
        public let to: Int, from: Int, weight: Double
    }
    /// A fully described affine map followed by a ReLU (hidden layers) or not (the output).
    public struct Layer: Sendable {
        public let inputCount: Int
        public let biases: [Double]
        public let connections: [Connection]
        public let rectified: Bool
        public var unitCount: Int { biases.count }
    }

    /// The projection `a` (d), read by every first-layer unit through its single input `⟨a, x⟩`.
    public let projection: [Double]
    /// The hidden layers and the output layer, in order; the first reads the scalar `⟨a, x⟩`.
    public let layers: [Layer]

    /// Layers of weights: hidden layers plus the output.
    public var depth: Int { layers.count }
    /// The widest hidden layer.
    public var width: Int { layers.dropLast().map(\.unitCount).max() ?? 0 }
    /// `d` for the shared projection, the first layer's biases, then every nonzero connection and bias.
    public var weightCount: Int {
        var count = projection.count + layers[0].biases.filter { $0 != 0 }.count
        for layer in layers.dropFirst() {
            count += layer.connections.filter { $0.weight != 0 }.count + layer.biases.filter { $0 != 0 }.count
        }
        return count
    }

    /// Rebuilds `shallow` as a network of `depth` layers of weights (`depth ≥ 2`; at most `n + 1`, so
    /// that every hidden layer has a hinge unit).
    public init(_ shallow: FiniteSampleExpressivity, depth: Int) throws {
        let n = shallow.biases.count
        guard depth >= 2, depth - 1 <= n else {
            throw ProbeError.invalidArgument("DeepFiniteSampleNetwork: depth must be between 2 and n + 1 = \(n + 1), got \(depth)")
        }
        let hiddenLayers = depth - 1
        // Block ℓ holds hinge units blockStart[ℓ] ..< blockStart[ℓ + 1]; sizes differ by at most one.
        let blockStart = (0...hiddenLayers).map { ℓ in ℓ * n / hiddenLayers }
        let b = shallow.biases, w = shallow.outputWeights
        let c = b[0] - 1                                    // below every bias, so t − (bⱼ − c) ≥ 1 on bⱼ
        var layers: [Layer] = []

        // Unit order in hidden layer ℓ: [t if more layers follow] [S⁺, S⁻ from layer 2 on] [block ℓ's hinges].
        func layout(_ ℓ: Int) -> (t: Int?, plus: Int?, minus: Int?, hinges: Int, count: Int) {
            var next = 0
            let t: Int? = ℓ < hiddenLayers - 1 ? { defer { next += 1 }; return next }() : nil
            let sums = ℓ > 0
            let plus: Int? = sums ? next : nil, minus: Int? = sums ? next + 1 : nil
            if sums { next += 2 }
            return (t, plus, minus, next, next + blockStart[ℓ + 1] - blockStart[ℓ])
        }

        for ℓ in 0..<hiddenLayers {
            let here = layout(ℓ)
            var biases = [Double](repeating: 0, count: here.count)
            var connections: [Connection] = []
            if ℓ == 0 {
                // Input: the single value z = ⟨a, x⟩.
                if let t = here.t { connections.append(Connection(to: t, from: 0, weight: 1)); biases[t] = -c }
                for j in blockStart[0]..<blockStart[1] {
                    let unit = here.hinges + j
                    connections.append(Connection(to: unit, from: 0, weight: 1))
                    biases[unit] = -b[j]
                }
                layers.append(Layer(inputCount: 1, biases: biases, connections: connections, rectified: true))
                continue
            }
            let previous = layout(ℓ - 1)
            guard let previousT = previous.t else { preconditionFailure("every layer but the last carries t") }
            if let t = here.t { connections.append(Connection(to: t, from: previousT, weight: 1)) }
            for (unit, sign) in [(here.plus!, 1.0), (here.minus!, -1.0)] {
                if let p = previous.plus, let q = previous.minus {
                    connections.append(Connection(to: unit, from: p, weight: sign))
                    connections.append(Connection(to: unit, from: q, weight: -sign))
                }
                for j in blockStart[ℓ - 1]..<blockStart[ℓ] {
                    connections.append(Connection(to: unit, from: previous.hinges + j - blockStart[ℓ - 1], weight: sign * w[j]))
                }
            }
            for j in blockStart[ℓ]..<blockStart[ℓ + 1] {
                let unit = here.hinges + j - blockStart[ℓ]
                connections.append(Connection(to: unit, from: previousT, weight: 1))
                biases[unit] = -(b[j] - c)
            }
            layers.append(Layer(inputCount: previous.count, biases: biases, connections: connections, rectified: true))
        }

        // Output: S⁺ − S⁻ plus the last block's terms.
        let last = layout(hiddenLayers - 1)
        var connections: [Connection] = []
        if let p = last.plus, let q = last.minus {
            connections.append(Connection(to: 0, from: p, weight: 1))
            connections.append(Connection(to: 0, from: q, weight: -1))
        }
        for j in blockStart[hiddenLayers - 1]..<blockStart[hiddenLayers] {
            connections.append(Connection(to: 0, from: last.hinges + j - blockStart[hiddenLayers - 1], weight: w[j]))
        }
        layers.append(Layer(inputCount: last.count, biases: [0], connections: connections, rectified: false))
        projection = shallow.projection
        self.layers = layers
    }

    /// The network's output at one point `x` (d values): a generic forward pass over the layers.
    public func callAsFunction(_ x: [Double]) -> Double {
        precondition(x.count == projection.count, "DeepFiniteSampleNetwork: point has \(x.count) values, expected \(projection.count)")
        var values = [dot(projection, x)]
        for layer in layers {
            var next = layer.biases
            for connection in layer.connections { next[connection.to] += connection.weight * values[connection.from] }
            if layer.rectified { for i in next.indices { next[i] = max(next[i], 0) } }
            values = next
        }
        return values[0]
    }
}
