import Datasets

/// An experiment kind written against typed parameters: the way to add a kind.
///
/// A kind declares its `Parameters` as a ``SpecRecord`` (keys, valid values, defaults and docs in
/// one place). The engine validates each directive against that schema, fills defaults and hashes
/// the canonical spec; the run then receives the spec read into `Parameters`:
///
/// ```swift
/// public struct ExpressivityExperiment: Experiment {
///     public struct Parameters: SpecRecord { … }
///     public var name: String { "expressivity" }
///     public var version: String { "expressivity-1" }
///     public func metrics(_ p: Parameters) -> MetricCatalog { … }
///     public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements { … }
/// }
/// ```
///
/// The engine sees every kind as an ``ExperimentKind``; this protocol's extension supplies the
/// spec-level requirements from the typed ones.
public protocol Experiment: ExperimentKind {
    /// The parameters of a directive besides `id`, `kind`, `seeds`, `sweep`, `conditions`, `quick`.
    associatedtype Parameters: SpecRecord
    /// Checks across parameters; throws ``KindIssue`` naming the offending dotted path.
    func check(_ parameters: Parameters) throws(KindIssue)
    /// Caps applied by `--profile quick` (dotted path → largest value), before a `quick:` block.
    var quickCaps: KeyValuePairs<String, Int> { get }
    /// The series and scalars a run records.
    func metrics(_ parameters: Parameters) -> MetricCatalog
    /// The data a run reads from files or generates (empty: none besides what the spec and the
    /// seed fully describe). Their digest enters the cache key.
    func dataSources(_ parameters: Parameters) -> [any DataSource]
    /// A digest of the data a run reads (default: the digest of ``dataSources(_:)``).
    func dataDigest(_ parameters: Parameters, context: RunContext) throws -> String
    /// Executes one run with `seed`; reports progress through `context`.
    func run(_ parameters: Parameters, seed: UInt64, context: RunContext) throws -> Measurements
}

extension Experiment {
    /// No cross-parameter rules.
    public func check(_ parameters: Parameters) throws(KindIssue) {}
    /// No data besides the spec and the seed.
    public func dataSources(_ parameters: Parameters) -> [any DataSource] { [] }
    /// The digest of the recipes and file contents of ``dataSources(_:)``.
    public func dataDigest(_ parameters: Parameters, context: RunContext) throws -> String {
        try context.digest(of: dataSources(parameters))
    }
    /// No automatic shrinking.
    public var quickCaps: KeyValuePairs<String, Int> { [:] }

    /// The schema of `Parameters`.
    public var parameters: [SpecField] { Parameters.schema }

    /// Reads a validated spec (a mismatch is a bug in the kind's declaration).
    func decode(_ spec: SpecValue) throws(SpecDecodingError) -> Parameters { try Parameters(specValue: spec) }

    /// Reads the spec and applies the typed checks.
    public func check(_ spec: SpecValue) throws(KindIssue) {
        let p: Parameters
        do { p = try decode(spec) } catch { throw KindIssue(path: error.path, message: error.message) }
        try check(p)
    }

    /// `quickCaps` applied to the integers present in the spec.
    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { spec.capping(quickCaps) }

    /// The typed catalog (a spec that does not read falls back to the defaults' catalog).
    public func metrics(_ spec: SpecValue) -> MetricCatalog { metrics((try? decode(spec)) ?? Parameters()) }

    /// The typed digest.
    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String {
        try dataDigest(try decode(spec), context: context)
    }

    /// Reads the spec once and runs with the typed parameters.
    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        try run(try decode(spec), seed: seed, context: context)
    }
}
