import TrainingCore
import Probes
import Datasets

/// The versions of the libraries a result depends on, as they enter every cache key (file
/// contents enter through data digests; the kinds' own code through their versions).
enum TrainingCoreVersion {
    /// `TrainingCore 0.2.0, Probes 0.1.0, Datasets 1.0.0`.
    static var current: String { "TrainingCore \(TrainingCore.version), Probes \(Probes.version), Datasets \(DatasetsLibrary.version)" }
}
