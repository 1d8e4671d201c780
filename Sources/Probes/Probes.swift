/// Measurements on networks and data, in Float64 where the math needs it. Entry points by chapter
/// (see `Shared/REPLICATION.md`):
///
/// - Zhang et al., Theorem 1 and §5: ``FiniteSampleExpressivity``, ``MinimumNormInterpolation``,
///   ``KernelInterpolation`` with ``Kernel``.
/// - Arpit et al.: ``FirstEpochDifficulty`` with ``BinomialReference``, ``LossSensitivity``
///   with ``Statistics/giniCoefficient(_:)``, ``CriticalSampleSearch``, ``InputGradients``.
/// - Information bottleneck: ``InformationPlane`` (per layer of a core `Model`),
///   ``MutualInformation``, ``ActivationBinning``.
/// - Coherent gradients: ``GradientCoherence``.
/// - Hessian spectrum and sharpness: ``SmallNetwork`` (exact Hessian, Hessian operator),
///   ``HessianSpectrum``, ``Lanczos``, ``PowerIteration``, ``FiniteDifferenceHessian`` (any model).
/// - Generalization measures: ``GeneralizationMeasures``, ``PerturbationSharpness``,
///   ``Statistics/kendallTau(_:_:)``.
/// - Pruning: ``PruningMask``, ``DeadUnitReport``.
///
/// Bad input throws ``ProbeError``; randomness comes from the generator passed in.
public enum Probes {
    /// Bump when a change alters what any probe computes.
    public static let version = "0.1.0"
}
