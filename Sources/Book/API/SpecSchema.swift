/// The type of one experiment parameter; the validator checks YAML against it and fills defaults.
public indirect enum SpecType: Sendable {
    /// An integer in a closed range.
    case integer(ClosedRange<Int>)
    /// A real number in a closed range (integers are accepted and stored as numbers).
    case number(ClosedRange<Double>)
    /// Free text.
    case text
    /// One of a fixed set of names.
    case choice([String])
    /// `true` or `false`.
    case boolean
    /// A list whose length lies in `count`.
    case list(SpecType, count: ClosedRange<Int>)
    /// A mapping with known keys.
    case record([SpecField])
    /// Exactly one of several named cases: `sgd`, `{sgd: {lr: 0.1}}`, or `{sgd: 0.1}` with a shorthand.
    case variant([SpecVariant])

    /// What a valid value looks like, for error messages.
    public var expectation: String {
        switch self {
        case .integer(let r): return "an integer in \(r.lowerBound)...\(r.upperBound)"
        case .number(let r): return "a number in \(r.lowerBound.shortDescription)...\(r.upperBound.shortDescription)"
        case .text: return "text"
        case .choice(let names): return "one of \(names.joined(separator: ", "))"
        case .boolean: return "true or false"
        case .list(let item, let count):
            let n = count.upperBound == Int.max ? "at least \(count.lowerBound)" : "\(count.lowerBound)...\(count.upperBound)"
            return "a list of \(n) items, each \(item.expectation)"
        case .record(let fields): return "a mapping with keys \(fields.map(\.name).joined(separator: ", "))"
        case .variant(let cases): return "one of \(cases.map(\.name).joined(separator: ", "))"
        }
    }
}

/// One named parameter of a record, with its default (nil: required).
public struct SpecField: Sendable {
    /// The key as written in YAML.
    public var name: String
    /// What values are valid.
    public var type: SpecType
    /// The value used when the key is absent (nil: required, unless optional).
    public var defaultValue: SpecValue?
    /// One line for the documentation.
    public var summary: String
    /// An optional parameter without a default is simply absent when not written.
    public var isOptional: Bool
    /// A place on this machine (a data folder): the run reads it, but the cache key leaves it out
    /// and covers the content read there instead, so machines with other folders share results.
    public var isMachineLocal: Bool

    /// A parameter named `name`; `defaultValue` nil makes it required unless `optional`.
    public init(_ name: String, _ type: SpecType, default defaultValue: SpecValue? = nil,
                optional: Bool = false, machineLocal: Bool = false, _ summary: String = "") {
        self.name = name
        self.isMachineLocal = machineLocal
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
        self.isOptional = optional
    }
}

/// One case of a ``SpecType/variant(_:)``.
public struct SpecVariant: Sendable {
    /// The case name (`sgd`, `mlp`, …).
    public var name: String
    /// The case's own parameters.
    public var fields: [SpecField]
    /// The field that a bare value fills: with shorthand `hidden`, `mlp: [512]` means `mlp: {hidden: [512]}`.
    public var shorthand: String?

    /// A case named `name` with its own fields.
    public init(_ name: String, fields: [SpecField] = [], shorthand: String? = nil) {
        self.name = name
        self.fields = fields
        self.shorthand = shorthand
    }
}
