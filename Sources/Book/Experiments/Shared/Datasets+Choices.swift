import Datasets

// Datasets' own enums as spec choices (their raw values are the YAML names).
extension RandomRegressionTask.Inputs: SpecChoice {}
extension RandomRegressionTask.Targets: SpecChoice {}
extension InformationBottleneckTask.Middle: SpecChoice {}
