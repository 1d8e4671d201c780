/// The experiment kinds a build knows. Adding a kind: one file implementing ``Experiment``,
/// plus one entry here.
public enum ExperimentRegistry {
    /// Every built-in kind; the first is the default when `kind:` is omitted.
    public static let standard: [any ExperimentKind] = [
        TrainExperiment(),
        ExpressivityExperiment(), MinimumNormExperiment(), KernelFitExperiment(), InformationPlaneExperiment(), FirstEpochExperiment(), MemorizationExperiment(), RegularizationExperiment(),
        CoherenceExperiment(),
        HessianSpectrumExperiment(),
        BatchInterpolationExperiment(),
        SharpnessExperiment(),
        MeasuresExperiment(),
        PruningExperiment(),
        LabelInformationExperiment(),
        SGLDEnsembleExperiment(),
        FCMIBoundExperiment(), BoundLimitExperiment(), DistillationExperiment(), PruningRobustnessExperiment(),
        SymbolicFeaturesExperiment(),
    ]
}
