/// Font size and weight of a piece of text, in logical units.
struct TextStyle: Hashable, Sendable {
    var size: Double
    var bold: Bool = false
    var color: Color = .ink
}
