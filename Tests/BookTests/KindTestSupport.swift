import XCTest
@testable import Book

/// Validates `yaml` against `kind`'s parameters, filling defaults, as the engine does.
func kindSpec(_ kind: any ExperimentKind, _ yaml: String) throws -> SpecValue {
    var validator = SpecValidator()
    let spec = try validator.record(try YAMLNode.parse(yaml), fields: kind.parameters, path: "")
    try kind.check(spec)
    return spec
}
