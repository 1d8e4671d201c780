import Foundation

extension SpecValue {
    /// The value of a canonical spec as stored in a result's provenance (`{"epochs":5,…}`), or nil
    /// when the text is not JSON. Whole numbers become integers, other numbers doubles.
    init?(jsonText: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonText.utf8), options: [.fragmentsAllowed]) else { return nil }
        self.init(jsonObject: object)
    }

    private init?(jsonObject: Any) {
        switch jsonObject {
        case let s as String: self = .text(s)
        case let d as [String: Any]:
            var fields: [String: SpecValue] = [:]
            for (k, v) in d { if let value = SpecValue(jsonObject: v) { fields[k] = value } }
            self = .record(fields)
        case let a as [Any]: self = .list(a.compactMap { SpecValue(jsonObject: $0) })
        case let n as NSNumber:
            let d = n.doubleValue
            self = d == d.rounded() && abs(d) < 1e15 && !"\(n)".contains(".") ? .integer(Int(d)) : .number(d)
        default: return nil
        }
    }
}
