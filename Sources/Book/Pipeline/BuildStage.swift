/// One named step of the build; the pipeline logs `[i/n] name` and wraps errors with the name.
struct BuildStage {
    var name: String
    var body: (BuildState) throws -> Void
}

/// An error that stopped a stage.
struct StageError: Error, CustomStringConvertible {
    var stage: String
    var underlying: Error
    var description: String { "stage '\(stage)' failed: \(underlying)" }
}
