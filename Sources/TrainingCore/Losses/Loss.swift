#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The training objective on a batch of logits `z (B, K)` and integer labels `y (B)`.
///
/// - `crossEntropy`: `ℓ = logsumexp(z) − z_y` (softmax cross-entropy, computed with the row
///   maximum subtracted so it never overflows); `∂ℓ/∂z = softmax(z) − onehot(y)`.
/// - `meanSquaredError`: `ℓ = (1/K) Σ_k (z_k − onehot(y)_k)²`; `∂ℓ/∂z = (2/K)(z − onehot(y))`.
///
/// The batch loss is the mean of the per-example losses, so `dLogits` carries a factor `1/B`.
public enum Loss: String, Codable, Hashable, Sendable {
    case crossEntropy
    case meanSquaredError

    /// Sums the per-example losses of a batch, counts correct arg-max predictions, and (if
    /// `gradient` is given) writes `∂(mean loss)/∂z` into it. Allocates nothing.
    ///
    /// - Parameters: `logits (B, K)`, `labels (B)`, `gradient (B, K)` or nil;
    ///   `perExample (B)` receives each example's loss if given.
    /// - Returns: the summed loss (Float64 accumulation) and the number of correct predictions.
    func evaluate(logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int, classes k: Int,
                  gradient: UnsafeMutablePointer<Float>?, perExample: UnsafeMutablePointer<Float>? = nil)
        -> (lossSum: Double, correct: Int)
    {
        var lossSum = 0.0
        var correct = 0
        let scale = 1 / Float(batch)
        for r in 0..<batch {
            let z = logits + r * k
            let y = Int(labels[r])
            var best = 0
            var zMax = z[0]
            for j in 1..<max(k, 1) where z[j] > zMax { zMax = z[j]; best = j }
            if best == y { correct += 1 }
            let loss: Float
            switch self {
            case .crossEntropy:
                var sum: Float = 0
                if let gradient {
                    // Keep each exponential in the gradient row instead of computing it twice.
                    let g = gradient + r * k
                    for j in 0..<k { let e = expf(z[j] - zMax); g[j] = e; sum += e }
                    let inv = scale / sum
                    for j in 0..<k { g[j] *= inv }
                    g[y] -= scale
                } else {
                    for j in 0..<k { sum += expf(z[j] - zMax) }
                }
                loss = logf(sum) + zMax - z[y]
            case .meanSquaredError:
                var sum: Float = 0
                for j in 0..<k {
                    let d = z[j] - (j == y ? 1 : 0)
                    sum += d * d
                    if let gradient { gradient[r * k + j] = 2 * d * scale / Float(k) }
                }
                loss = sum / Float(k)
            }
            perExample?[r] = loss
            lossSum += Double(loss)
        }
        return (lossSum, correct)
    }

    /// The loss of each example: `logits (n, K)`, one label per row.
    public func perExampleLoss(logits: Tensor, labels: [Int]) throws -> [Float] {
        let (n, k) = try Loss.checkShapes(logits, labels)
        var out = [Float](repeating: 0, count: n)
        let y = labels.map { Int32($0) }
        logits.scalars.withUnsafeBufferPointer { z in
            out.withUnsafeMutableBufferPointer { o in
                _ = evaluate(logits: z.baseAddress!, labels: y, batch: n, classes: k,
                             gradient: nil, perExample: o.baseAddress!)
            }
        }
        return out
    }

    /// The mean loss over the rows of `logits (n, K)`.
    public func meanLoss(logits: Tensor, labels: [Int]) throws -> Float {
        let losses = try perExampleLoss(logits: logits, labels: labels)
        return losses.isEmpty ? 0 : Float(losses.reduce(0.0) { $0 + Double($1) } / Double(losses.count))
    }

    /// `∂(mean loss)/∂logits`, shape `(n, K)`.
    public func gradient(logits: Tensor, labels: [Int]) throws -> Tensor {
        let (n, k) = try Loss.checkShapes(logits, labels)
        var g = Tensor(validShape: logits.shape, scalars: [Float](repeating: 0, count: logits.count))
        let y = labels.map { Int32($0) }
        logits.scalars.withUnsafeBufferPointer { z in
            g.scalars.withUnsafeMutableBufferPointer { gp in
                _ = evaluate(logits: z.baseAddress!, labels: y, batch: n, classes: k, gradient: gp.baseAddress!)
            }
        }
        return g
    }

    static func checkShapes(_ logits: Tensor, _ labels: [Int]) throws -> (Int, Int) {
        guard logits.shape.count == 2, logits.shape[1] > 0 else {
            throw TrainingCoreError("logits must be (n, classes > 0), got \(logits.shape)")
        }
        let (n, k) = (logits.shape[0], logits.shape[1])
        guard labels.count == n else { throw TrainingCoreError("\(n) rows of logits but \(labels.count) labels") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= k }) {
            throw TrainingCoreError("label \(bad) is outside 0..<\(k)")
        }
        return (n, k)
    }
}
