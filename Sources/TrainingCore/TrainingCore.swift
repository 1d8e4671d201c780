/// The training core's identity; its version is part of every result's cache key.
public enum TrainingCore {
    /// Bump when a change alters what any training run computes. 0.4.0: convolutions accumulate
    /// their weight gradients per group of 8 examples (cache-sized tiles, split across threads by
    /// group), BatchNorm sums in eight-lane Float32 per row. 0.5.0: convolutions run on oneDNN's
    /// direct kernels by default (``Conv2D/defaultBackend``); their sums differ from im2col's in the
    /// last bits. 0.5.1: oneDNN's primitives are created for one thread (they were created for the
    /// machine's core count, which changed some weight-gradient sums and made side-by-side runs slow).
    /// 0.6.0: convolutions whose channel counts are not multiples of 16 run on oneDNN's channels-last
    /// kernels (``OneDNNConvolution/activationLayout(_:)``) instead of its 16-channel blocked ones;
    /// their sums differ in the last bits.
    public static let version = "0.6.0"
}
