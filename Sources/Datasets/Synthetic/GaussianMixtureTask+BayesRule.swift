import Foundation
import TrainingCore

extension GaussianMixtureTask {
    /// The Bayes-optimal class of every row of `inputs` `(n, d)`, given the cluster `means`
    /// `(clusters, d)` the data were drawn from.
    ///
    /// Clusters are equally likely and each point is its mean plus `N(0, I)` noise, so the class
    /// posterior is `P(c | x) ∝ Σ_{j : j mod classes = c} exp(−‖x − μ_j‖² / 2)`; the rule takes its
    /// argmax (log-sum-exp per class). With one cluster per class this is the nearest-mean rule,
    /// `argmax_c (μ_c·x − ‖μ_c‖²/2)`: a linear classifier with `classes × (d + 1)` numbers.
    public func bayesPredictions(_ inputs: Tensor, means: [Double]) -> [Int] {
        let n = inputs.shape[0], d = dimension
        precondition(inputs.shape.count == 2 && inputs.shape[1] == d, "inputs must be (n, \(d)), got \(inputs.shape)")
        precondition(means.count == clusters * d, "means must be (\(clusters), \(d)), got \(means.count) numbers")
        var out = [Int](repeating: 0, count: n)
        var logDensity = [Double](repeating: 0, count: clusters)                     // (clusters)
        for i in 0..<n {
            for j in 0..<clusters {
                var sq = 0.0
                for k in 0..<d {
                    let diff = Double(inputs.scalars[i * d + k]) - means[j * d + k]
                    sq += diff * diff
                }
                logDensity[j] = -sq / 2
            }
            var best = 0, bestScore = -Double.infinity
            for c in 0..<classes {
                let members = stride(from: c, to: clusters, by: classes).map { logDensity[$0] }
                guard let top = members.max() else { continue }
                let score = top + log(members.reduce(0) { $0 + exp($1 - top) })
                if score > bestScore { best = c; bestScore = score }
            }
            out[i] = best
        }
        return out
    }
}
