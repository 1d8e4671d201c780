@_exported import TrainingCore
