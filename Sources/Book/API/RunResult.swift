/// One experiment run's result as stored in the cache: measurements plus where they came from.
public struct RunResult: Sendable, Codable, Equatable {
    public var measurements: Measurements
    public var provenance: Provenance

    /// A result with its provenance.
    public init(measurements: Measurements, provenance: Provenance) {
        self.measurements = measurements
        self.provenance = provenance
    }
}

/// Where a result came from.
public struct Provenance: Sendable, Codable, Equatable {
    /// The experiment's id and kind.
    public var experiment: String
    public var kind: String
    /// The canonical spec that was run (JSON, keys sorted, defaults filled).
    public var spec: String
    /// SHA-256 of the canonical spec, data digest, seed and versions: the cache key.
    public var key: String
    public var seed: UInt64
    /// Version strings of the training core and of the experiment kind.
    public var coreVersion: String
    public var kindVersion: String
    public var dataDigest: String
    public var wallSeconds: Double
    public var threads: Int
    public var blasCore: String
}
