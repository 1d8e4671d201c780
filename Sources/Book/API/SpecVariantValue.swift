/// A parameter that is exactly one of several named cases, each with its own fields, declared as
/// an enum whose cases carry a ``SpecRecord``:
///
/// ```swift
/// enum Kernel: SpecVariantValue {
///     case gaussian(Gaussian), polynomial(Polynomial)
///     static let cases: [SpecCase<Self>] = [
///         SpecCase("gaussian", Gaussian.self, shorthand: "bandwidth", Kernel.gaussian) { if case .gaussian(let g) = $0 { g } else { nil } },
///         SpecCase("polynomial", Polynomial.self, shorthand: "degree", Kernel.polynomial) { if case .polynomial(let p) = $0 { p } else { nil } },
///     ]
/// }
/// ```
public protocol SpecVariantValue: SpecConvertible, Sendable {
    /// The cases, in the order error messages list them.
    static var cases: [SpecCase<Self>] { get }
}

extension SpecVariantValue {
    /// Reads `{name: {fields}}`.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let (name, fields) = specValue.variantCase else {
            throw SpecDecodingError("expected one of \(Self.cases.map(\.name).joined(separator: ", ")), got \(specValue)")
        }
        guard let c = Self.cases.first(where: { $0.name == name }) else {
            throw SpecDecodingError("unknown case '\(name)' (valid: \(Self.cases.map(\.name).joined(separator: ", ")))")
        }
        do { self = try c.decode(.record(fields)) } catch { throw error.inside(name) }
    }

    /// `{name: {fields}}`.
    public var specValue: SpecValue {
        for c in Self.cases { if let fields = c.encode(self) { return .record([c.name: fields]) } }
        preconditionFailure("\(Self.self): a value matches none of its cases")
    }
}

/// One case of a ``SpecVariantValue``: its name, the record of its fields, and how to wrap and
/// unwrap that record.
public struct SpecCase<Root>: @unchecked Sendable {
    /// The case name (`sgd`, `mlp`, …).
    public let name: String
    /// The case's schema; when `defaults` is this case, its fields default to its values.
    let schema: (Root) -> SpecVariant
    let decode: (SpecValue) throws(SpecDecodingError) -> Root
    let encode: (Root) -> SpecValue?

    /// A case named `name` holding a `Payload` record; `shorthand` is the field a bare value fills.
    public init<Payload: SpecRecord>(_ name: String, _ payload: Payload.Type, shorthand: String? = nil,
                                     _ wrap: @escaping (Payload) -> Root, _ unwrap: @escaping (Root) -> Payload?) {
        self.name = name
        schema = { SpecVariant(name, fields: Payload.schema(defaults: unwrap($0) ?? Payload()), shorthand: shorthand) }
        decode = { (value: SpecValue) throws(SpecDecodingError) in wrap(try Payload(specValue: value)) }
        encode = { unwrap($0)?.specValue }
    }
}
