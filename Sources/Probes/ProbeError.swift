/// Bad input to a probe, or a numerical failure it cannot recover from; the message says which.
public enum ProbeError: Error, CustomStringConvertible, Equatable {
    /// Arrays whose sizes do not fit together (the message names both shapes).
    case shapeMismatch(String)
    /// An argument outside its allowed range (empty data, a negative count, …).
    case invalidArgument(String)
    /// The math cannot proceed (a singular system, duplicate points, no convergence).
    case numerical(String)

    /// The message, prefixed with the kind of failure.
    public var description: String {
        switch self {
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .numerical(let m): return "numerical failure: \(m)"
        }
    }
}
