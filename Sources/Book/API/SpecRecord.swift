/// A group of experiment parameters declared as a Swift struct: the YAML mapping's keys, types and
/// documentation in ``fields``, the defaults in `init()`. A kind's parameters are a record, and so
/// is every shared section (`data`, `model`, `optimizer`, …) that several kinds reuse.
///
/// ```swift
/// struct Parameters: SpecRecord {
///     var n = 1000
///     var inputs = Inputs.gaussian
///     static let fields: [SpecParameter<Self>] = [
///         SpecParameter("n", \.n, 1...20000, "sample size"),
///         SpecParameter("inputs", \.inputs, "points drawn from N(0, I) or uniformly from [0, 1]^d"),
///     ]
/// }
/// ```
///
/// The validator checks YAML against ``schema`` and fills the defaults; ``init(specValue:)``
/// then reads the validated spec into the struct once, before the run starts.
public protocol SpecRecord: SpecConvertible, Sendable {
    /// The defaults of every parameter.
    init()
    /// The parameters, in the order pages list them.
    static var fields: [SpecParameter<Self>] { get }
}

extension SpecRecord {
    /// The schema with the defaults of `init()`.
    public static var schema: [SpecField] { schema(defaults: Self()) }

    /// The schema with the defaults of `defaults` (a kind may change a shared section's defaults).
    public static func schema(defaults: Self) -> [SpecField] { fields.map { $0.schemaField(defaults) } }

    /// Reads a validated record; absent keys (optional parameters) keep their `init()` values.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        self.init()
        guard let record = specValue.recordValue else { throw SpecDecodingError("expected a mapping, got \(specValue)") }
        for field in Self.fields {
            guard let value = record[field.name] else { continue }
            do { try field.read(&self, value) } catch { throw error.inside(field.name) }
        }
    }

    /// The canonical record of every parameter (optional parameters that are nil are left out).
    public var specValue: SpecValue {
        var record: [String: SpecValue] = [:]
        for field in Self.fields { record[field.name] = field.write(self) }
        return .record(record)
    }
}
