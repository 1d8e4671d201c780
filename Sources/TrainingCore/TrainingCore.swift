/// The training core's identity; its version is part of every result's cache key.
public enum TrainingCore {
    /// Bump when a change alters what any training run computes. 0.4.0: convolutions accumulate
    /// their weight gradients per group of 8 examples (cache-sized tiles, split across threads by
    /// group), BatchNorm sums in eight-lane Float32 per row.
    public static let version = "0.4.0"
}
