/// Where a vertical reference line `x: value` goes on a bar chart whose categories are numbers
/// (such as widths 2, 4, 8, …): at the category equal to `value`, or between the two neighbouring
/// categories, interpolated linearly. Slot `c` is centred at `c`.
enum BarSlotPosition {
    static func position(of value: Double, among categories: [String], mark: YAMLMark) throws(SpecIssue) -> Double {
        let numbers = categories.compactMap { Double($0) }
        guard numbers.count == categories.count, !numbers.isEmpty else {
            throw SpecIssue(mark: mark, message: "key 'lines': a vertical line (x: …) on a bar chart needs numeric categories, but they are \(categories.joined(separator: ", ")); use a line or scatter figure, or only y lines")
        }
        for i in numbers.indices {
            if numbers[i] == value { return Double(i) }
            guard i + 1 < numbers.count else { break }
            let (a, b) = (numbers[i], numbers[i + 1])
            if min(a, b) < value && value < max(a, b) { return Double(i) + (value - a) / (b - a) }
        }
        throw SpecIssue(mark: mark, message: "key 'lines': x = \(value.shortDescription) does not fall between two neighbouring categories of the bar chart (\(categories.joined(separator: ", ")))")
    }
}
