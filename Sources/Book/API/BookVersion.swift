import TrainingCore

/// The book engine's version, shown by `memgen-book --version`.
public enum BookVersion {
    /// The engine's own version.
    public static let engine = "0.1.0"
    /// `0.1.0 (training core 0.1.0)`
    public static var string: String { "\(engine) (training core \(TrainingCore.version))" }
}
