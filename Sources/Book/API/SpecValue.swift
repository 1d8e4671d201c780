import Foundation

/// A validated experiment parameter: the canonical, defaults-filled form that is hashed for the cache.
public indirect enum SpecValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case text(String)
    case boolean(Bool)
    case list([SpecValue])
    case record([String: SpecValue])

    /// Canonical JSON: keys sorted, no whitespace, shortest round-trip numbers.
    public var canonicalJSON: String {
        switch self {
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : "\(d)") : "null"
        case .text(let s): return s.jsonQuoted
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(\.canonicalJSON).joined(separator: ",") + "]"
        case .record(let fields):
            return "{" + fields.keys.sorted().map { "\($0.jsonQuoted):\(fields[$0]!.canonicalJSON)" }.joined(separator: ",") + "}"
        }
    }

    /// A short rendering for pages and messages: `0.01`, `[512]`, `sgd`.
    public var description: String {
        switch self {
        case .integer(let i): return String(i)
        case .number(let d): return d.shortDescription
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .record(let fields):
            if fields.count == 1, let (k, v) = fields.first {
                if case .record(let inner) = v, inner.isEmpty { return k }
                return "\(k)(\(v.descriptionInsideRecord))"
            }
            return "{" + fields.keys.sorted().map { "\($0): \(fields[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    private var descriptionInsideRecord: String {
        if case .record(let fields) = self {
            return fields.keys.sorted().map { "\($0): \(fields[$0]!)" }.joined(separator: ", ")
        }
        return description
    }

    /// The value at a dotted path such as `optimizer.sgd.lr`, if present.
    public subscript(path path: String) -> SpecValue? {
        var current: SpecValue = self
        for part in path.split(separator: ".") {
            guard case .record(let fields) = current, let next = fields[String(part)] else { return nil }
            current = next
        }
        return current
    }

    /// This value with the value at `path` replaced (intermediate records are created when missing).
    public func setting(_ path: [String], to value: SpecValue) -> SpecValue {
        guard let head = path.first else { return value }
        var fields: [String: SpecValue] = [:]
        if case .record(let existing) = self { fields = existing }
        let child = fields[head] ?? .record([:])
        fields[head] = child.setting(Array(path.dropFirst()), to: value)
        return .record(fields)
    }

    /// The value as a Double when it is a number or an integer.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The value as an Int when it is an integer.
    public var intValue: Int? { if case .integer(let i) = self { return i } else { return nil } }

    /// The value as a String when it is text.
    public var textValue: String? { if case .text(let s) = self { return s } else { return nil } }

    /// The value as a Bool when it is boolean.
    public var boolValue: Bool? { if case .boolean(let b) = self { return b } else { return nil } }

    /// The items when the value is a list.
    public var listValue: [SpecValue]? { if case .list(let l) = self { return l } else { return nil } }

    /// The fields when the value is a record.
    public var recordValue: [String: SpecValue]? { if case .record(let r) = self { return r } else { return nil } }

    /// For a variant value (`{sgd: {...}}`), the case name and its fields.
    public var variantCase: (name: String, fields: [String: SpecValue])? {
        guard case .record(let r) = self, r.count == 1, let (name, value) = r.first,
              case .record(let fields) = value else { return nil }
        return (name, fields)
    }
}

extension String {
    /// The string as a JSON string literal.
    var jsonQuoted: String {
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension Double {
    /// A compact rendering: integers without a fraction, others with up to 6 significant digits.
    var shortDescription: String {
        if self == rounded(), abs(self) < 1e12 { return String(Int(self)) }
        var s = String(format: "%.6g", self)
        if s.contains("e") { return s }
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() } }
        return s
    }
}
