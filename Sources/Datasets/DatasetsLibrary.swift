/// Data for the training core: readers for image files (IDX, CIFAR-10), synthetic tasks
/// (``GaussianMixture``, ``GaussianMixtureTask``, ``InformationBottleneckTask``), corruptions
/// (``LabelCorruption``, ``LabelFlip``, ``InputCorruption``, ``DataCorruption``), preprocessing and
/// ``PrincipalProjection``. A ``DataSource`` describes one data set a run reads: it loads it
/// (cached per process by ``DataCache``) and names what its digest must cover.
public enum DatasetsLibrary {
    /// Bump when a change alters the data any reader, generator or corruption produces (it is
    /// part of every result's cache key; file contents enter the key through their digests).
    public static let version = "1.0.0"
}
