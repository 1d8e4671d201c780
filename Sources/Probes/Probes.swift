/// The probes library's identity; its version is part of every measured result's cache key.
public enum Probes {
    /// Bump when a change alters what any probe computes.
    public static let version = "0.1.0"
}
