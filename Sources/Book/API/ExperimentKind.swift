/// A kind of experiment (`kind: train`, …) as the engine sees it, on untyped spec values.
///
/// The engine validates the directive against ``parameters``, fills defaults, expands sweeps and
/// seeds, hashes the canonical spec for the cache, and calls ``run(_:seed:context:)`` for misses.
/// Write a kind as an ``Experiment`` (typed parameters), which supplies these requirements.
public protocol ExperimentKind: Sendable {
    /// The name written after `kind:`.
    var name: String { get }
    /// The version of this kind's own code; part of every cache key (bump it when this file's
    /// results would change; libraries and data enter the key through their versions and digests).
    var version: String { get }
    /// The parameters of the directive besides `id`, `kind`, `seeds`, `sweep`, `conditions`, `quick`.
    var parameters: [SpecField] { get }
    /// The spec without the parameters that do not apply to it (for example a synthetic data set's
    /// settings when a file data set is chosen), so they neither show nor enter the cache key.
    func canonical(_ spec: SpecValue) -> SpecValue
    /// Checks across parameters of a filled spec; throws ``KindIssue`` naming the offending path.
    func check(_ spec: SpecValue) throws(KindIssue)
    /// Automatic shrinking for `--profile quick` (dotted path → value), applied before a `quick:` block.
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue]
    /// The series and scalars a run of `spec` records (used to check figures, tables and claims).
    func metrics(_ spec: SpecValue) -> MetricCatalog
    /// A digest of the data a run of `spec` reads (part of the cache key).
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String
    /// Whether results are exact consequences of a construction (closed-form, a theorem's proof)
    /// rather than samples over seeds: claims then need one run, and every run must pass.
    var isDeterministic: Bool { get }
    /// Executes one run with `seed`; reports progress through `context`.
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements
}

extension ExperimentKind {
    /// By default every parameter applies.
    public func canonical(_ spec: SpecValue) -> SpecValue { spec }
    /// By default results vary with the seed (claims need `min-seeds` seeds).
    public var isDeterministic: Bool { false }
}
