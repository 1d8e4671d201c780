/// Input checks shared by the plot kinds; each throws a `ChartError` naming the element at fault.
enum Validation {
    /// Throws unless `count` equals `expected`.
    static func sameLength(_ count: Int, _ expected: Int, _ what: String) throws {
        guard count == expected else {
            throw ChartError.mismatchedLengths("\(what) has \(count) values but \(expected) were expected")
        }
    }

    /// Throws if any finite value is ≤ 0 (for values plotted on a log axis).
    static func positive(_ values: [Double], _ what: String, axis: String) throws {
        if let i = values.firstIndex(where: { $0.isFinite && $0 <= 0 }) {
            throw ChartError.nonPositiveOnLogAxis("\(what)[\(i)] = \(values[i]) cannot be shown on the logarithmic \(axis) axis")
        }
    }

    /// Throws if any value is NaN or infinite.
    static func finite(_ values: [Double], _ what: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw ChartError.nonFiniteValue("\(what)[\(i)] = \(values[i])")
        }
    }

    /// A display name for a series in messages.
    static func name(_ name: String, index: Int) -> String {
        name.isEmpty ? "series #\(index)" : "series \"\(name)\""
    }
}
