/// The training core's identity; its version is part of every result's cache key.
public enum TrainingCore {
    /// Bump when a change alters what any training run computes.
    public static let version = "0.3.0"
}
