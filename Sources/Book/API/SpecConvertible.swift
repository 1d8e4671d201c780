/// A Swift value that one experiment parameter holds: how it reads from and writes to the validated
/// ``SpecValue`` form (the form that is hashed for the cache).
///
/// `Int`, `Double`, `Bool`, `String` and arrays of them conform; so do ``SpecChoice`` enums,
/// ``SpecRecord`` structs and ``SpecVariantValue`` enums.
public protocol SpecConvertible {
    /// The value held by a validated spec value; throws ``SpecDecodingError`` when the shape differs.
    init(specValue: SpecValue) throws(SpecDecodingError)
    /// The canonical spec form of the value.
    var specValue: SpecValue { get }
}

/// A validated spec value whose shape does not match the Swift type that reads it (a bug in a
/// kind's declaration, or a spec that skipped validation).
public struct SpecDecodingError: Error, Sendable, CustomStringConvertible {
    /// The dotted path of the value (filled in as the error travels out of nested records).
    public var path: String
    /// What was expected and what was found.
    public var message: String

    /// An error about the value at `path`.
    public init(path: String = "", _ message: String) {
        self.path = path
        self.message = message
    }

    /// `key 'data.train': expected an integer, got "x"`.
    public var description: String { path.isEmpty ? message : "key '\(path)': \(message)" }

    /// The same error one record level further out.
    func inside(_ name: String) -> SpecDecodingError {
        SpecDecodingError(path: path.isEmpty ? name : "\(name).\(path)", message)
    }
}

extension Int: SpecConvertible {
    /// An integer parameter.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let i = specValue.intValue else { throw SpecDecodingError("expected an integer, got \(specValue)") }
        self = i
    }
    /// `.integer(self)`.
    public var specValue: SpecValue { .integer(self) }
}

extension Double: SpecConvertible {
    /// A number parameter (an integer is accepted).
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let d = specValue.doubleValue else { throw SpecDecodingError("expected a number, got \(specValue)") }
        self = d
    }
    /// `.number(self)`.
    public var specValue: SpecValue { .number(self) }
}

extension Bool: SpecConvertible {
    /// A boolean parameter.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let b = specValue.boolValue else { throw SpecDecodingError("expected true or false, got \(specValue)") }
        self = b
    }
    /// `.boolean(self)`.
    public var specValue: SpecValue { .boolean(self) }
}

extension String: SpecConvertible {
    /// A text parameter.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let s = specValue.textValue else { throw SpecDecodingError("expected text, got \(specValue)") }
        self = s
    }
    /// `.text(self)`.
    public var specValue: SpecValue { .text(self) }
}

extension Array: SpecConvertible where Element: SpecConvertible {
    /// A list parameter.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let items = specValue.listValue else { throw SpecDecodingError("expected a list, got \(specValue)") }
        var result: [Element] = []
        for (i, item) in items.enumerated() {
            do { result.append(try Element(specValue: item)) } catch { throw error.inside("[\(i)]") }
        }
        self = result
    }
    /// `.list` of the items.
    public var specValue: SpecValue { .list(map(\.specValue)) }
}
