/// One parameter of a ``SpecRecord``: its YAML key, the stored property that holds it, its valid
/// values and one line of documentation. The default is the property's value in the record's
/// `init()`, so schema, defaults and docs are declared once.
public struct SpecParameter<Root>: @unchecked Sendable {
    /// The key as written in YAML.
    public let name: String
    /// The schema entry, with the default taken from an instance of `Root`.
    let schemaField: (Root) -> SpecField
    /// Stores a validated value into the property.
    let read: (inout Root, SpecValue) throws(SpecDecodingError) -> Void
    /// The property's canonical value (nil: an optional parameter that is not set).
    let write: (Root) -> SpecValue?

    /// A parameter whose type is given explicitly (the general form behind the others).
    public init<Value: SpecConvertible>(_ name: String, _ property: WritableKeyPath<Root, Value>, type: SpecType,
                                        _ summary: String = "") {
        self.name = name
        schemaField = { SpecField(name, type, default: $0[keyPath: property].specValue, summary) }
        read = { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try Value(specValue: value) }
        write = { $0[keyPath: property].specValue }
    }

    private init(name: String, schemaField: @escaping (Root) -> SpecField,
                 read: @escaping (inout Root, SpecValue) throws(SpecDecodingError) -> Void, write: @escaping (Root) -> SpecValue?) {
        self.name = name
        self.schemaField = schemaField
        self.read = read
        self.write = write
    }

    /// An integer in `range`.
    public init(_ name: String, _ property: WritableKeyPath<Root, Int>, _ range: ClosedRange<Int>, _ summary: String = "") {
        self.init(name, property, type: .integer(range), summary)
    }

    /// A real number in `range`.
    public init(_ name: String, _ property: WritableKeyPath<Root, Double>, _ range: ClosedRange<Double>, _ summary: String = "") {
        self.init(name, property, type: .number(range), summary)
    }

    /// `true` or `false`.
    public init(_ name: String, _ property: WritableKeyPath<Root, Bool>, _ summary: String = "") {
        self.init(name, property, type: .boolean, summary)
    }

    /// Free text.
    public init(_ name: String, _ property: WritableKeyPath<Root, String>, _ summary: String = "") {
        self.init(name, property, type: .text, summary)
    }

    /// A folder on this machine (empty: a default folder). The run reads it, but it stays out of
    /// the cache key: the digest of the files read there stands for it.
    public init(folder name: String, _ property: WritableKeyPath<Root, String>, _ summary: String = "") {
        self.init(name: name, schemaField: { SpecField(name, .text, default: .text($0[keyPath: property]), machineLocal: true, summary) },
                  read: { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try String(specValue: value) },
                  write: { $0[keyPath: property].specValue })
    }

    /// An integer whose valid range an instance of the record states (a shared section whose
    /// limits differ between kinds): the range is read from the defaults.
    public init(_ name: String, _ property: WritableKeyPath<Root, Int>, range: KeyPath<Root, ClosedRange<Int>>, _ summary: String = "") {
        self.init(name: name, schemaField: { SpecField(name, .integer($0[keyPath: range]), default: .integer($0[keyPath: property]), summary) },
                  read: { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try Int(specValue: value) },
                  write: { $0[keyPath: property].specValue })
    }

    /// One of the names of a ``SpecChoice`` enum.
    public init<Value: SpecChoice>(_ name: String, _ property: WritableKeyPath<Root, Value>, _ summary: String = "") {
        self.init(name, property, type: .choice(Value.names), summary)
    }

    /// A list of integers in `range`, with a length in `count`.
    public init(_ name: String, _ property: WritableKeyPath<Root, [Int]>, _ range: ClosedRange<Int>, count: ClosedRange<Int>,
                _ summary: String = "") {
        self.init(name, property, type: .list(.integer(range), count: count), summary)
    }

    /// A list of numbers in `range`, with a length in `count`.
    public init(_ name: String, _ property: WritableKeyPath<Root, [Double]>, _ range: ClosedRange<Double>, count: ClosedRange<Int>,
                _ summary: String = "") {
        self.init(name, property, type: .list(.number(range), count: count), summary)
    }

    /// An optional integer in `range` without a default: absent unless written.
    public init(_ name: String, _ property: WritableKeyPath<Root, Int?>, _ range: ClosedRange<Int>, _ summary: String = "") {
        self.init(optional: name, property, type: .integer(range), summary)
    }

    /// An optional number in `range` without a default: absent unless written.
    public init(_ name: String, _ property: WritableKeyPath<Root, Double?>, _ range: ClosedRange<Double>, _ summary: String = "") {
        self.init(optional: name, property, type: .number(range), summary)
    }

    private init<Value: SpecConvertible>(optional name: String, _ property: WritableKeyPath<Root, Value?>, type: SpecType, _ summary: String) {
        self.init(name: name, schemaField: { _ in SpecField(name, type, optional: true, summary) },
                  read: { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try Value(specValue: value) },
                  write: { $0[keyPath: property]?.specValue })
    }

    /// A nested mapping (a section such as `data:` or `stop:`); its defaults come from this record's.
    public init<Value: SpecRecord>(_ name: String, _ property: WritableKeyPath<Root, Value>, _ summary: String = "") {
        self.init(name: name, schemaField: { SpecField(name, .record(Value.schema(defaults: $0[keyPath: property])), summary) },
                  read: { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try Value(specValue: value) },
                  write: { $0[keyPath: property].specValue })
    }

    /// Exactly one of several named cases (`model: mlp [512]`, `optimizer: {sgd: {lr: 0.1}}`).
    public init<Value: SpecVariantValue>(_ name: String, _ property: WritableKeyPath<Root, Value>, _ summary: String = "") {
        self.init(name: name, schemaField: { root in
                      let value = root[keyPath: property]
                      return SpecField(name, .variant(Value.cases.map { $0.schema(value) }), default: value.specValue, summary)
                  },
                  read: { (root: inout Root, value: SpecValue) throws(SpecDecodingError) in root[keyPath: property] = try Value(specValue: value) },
                  write: { $0[keyPath: property].specValue })
    }

    /// This parameter as one of an enclosing record's own, stored in `outer`'s `part` (a record
    /// that extends another's fields, such as SAM's SGD settings plus `rho`).
    public func lifted<Outer>(_ part: WritableKeyPath<Outer, Root>) -> SpecParameter<Outer> {
        let (schemaField, read, write) = (self.schemaField, self.read, self.write)
        return SpecParameter<Outer>(name: name, schemaField: { schemaField($0[keyPath: part]) },
                                    read: { (outer: inout Outer, value: SpecValue) throws(SpecDecodingError) in try read(&outer[keyPath: part], value) },
                                    write: { write($0[keyPath: part]) })
    }
}
