#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the learning rate changes with the epoch (0-based), as a factor on the base rate.
public enum LearningRateSchedule: Codable, Hashable, Sendable {
    /// Always the base rate.
    case constant
    /// Multiply by `factor` every `every` epochs.
    case step(every: Int, factor: Double)
    /// Multiply by `factor` after every epoch (Zhang et al. 2017 use 0.95).
    case exponential(factor: Double)
    /// Cosine decay from the base rate to `minimumFactor ×` base over `epochs` epochs.
    case cosine(epochs: Int, minimumFactor: Double = 0)

    /// The factor applied to the base rate during `epoch` (0-based).
    public func factor(epoch: Int) -> Double {
        switch self {
        case .constant: return 1
        case let .step(every, factor): return pow(factor, Double(epoch / max(1, every)))
        case let .exponential(factor): return pow(factor, Double(epoch))
        case let .cosine(epochs, minimumFactor):
            let t = min(1, Double(epoch) / Double(max(1, epochs)))
            return minimumFactor + (1 - minimumFactor) * 0.5 * (1 + cos(Double.pi * t))
        }
    }
}
