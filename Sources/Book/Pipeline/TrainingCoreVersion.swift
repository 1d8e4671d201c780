import TrainingCore

/// The training core's version as it enters cache keys.
enum TrainingCoreVersion {
    static var current: String { TrainingCore.version }
}
