/// One experiment run's result as stored in the cache: measurements plus where they came from.
public struct RunResult: Sendable, Codable, Equatable {
    /// What the run measured.
    public var measurements: Measurements
    /// Where the measurements came from.
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
    /// The experiment kind.
    public var kind: String
    /// The canonical spec that was run (JSON, keys sorted, defaults filled).
    public var spec: String
    /// SHA-256 of the canonical spec, data digest, seed and versions: the cache key.
    public var key: String
    /// The seed of the run.
    public var seed: UInt64
    /// Version strings of the training core and of the experiment kind.
    public var coreVersion: String
    /// The kind's version when the run was made.
    public var kindVersion: String
    /// The digest of the data the run read.
    public var dataDigest: String
    /// Wall-clock seconds of the run (measurement only).
    public var wallSeconds: Double
    /// Threads the run used for its matrix products and element-wise passes (`BLAS.threads`).
    public var threads: Int
    /// The OpenBLAS kernel family.
    public var blasCore: String
}
