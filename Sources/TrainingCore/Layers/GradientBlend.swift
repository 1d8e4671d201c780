/// How a backward pass writes a parameter gradient into its buffer: `g ← keep · g + scale · ∂L/∂θ`.
///
/// `overwrite` and `accumulate` are the usual cases; the trainer's fused momentum step uses
/// `scale = −lr, keep = μ` to write the (scaled) velocity directly from the GEMM.
public struct GradientBlend: Sendable, Equatable {
    /// The factor on the new gradient.
    public var scale: Float
    /// The factor on what the buffer already holds (0 ignores it, even if it holds NaN).
    public var keep: Float

    /// `g ← keep · g + scale · ∂L/∂θ`.
    public init(scale: Float, keep: Float) { self.scale = scale; self.keep = keep }

    /// `g ← ∂L/∂θ`.
    public static let overwrite = GradientBlend(scale: 1, keep: 0)
    /// `g ← g + ∂L/∂θ`.
    public static let accumulate = GradientBlend(scale: 1, keep: 1)

}
