/// Sizes and colours shared by every plot kind, in logical units (1/2 device pixel at 2×).
///
/// Chosen to resemble a well-typeset paper figure: thin dark-gray spines on the left and bottom
/// only, a very light grid, outward ticks, and text sizes that stay legible at 640×400.
enum Theme {
    static let padding = 8.0
    static let tickText = TextStyle(size: 10.5, color: Color(hex: 0x333333))
    static let axisLabel = TextStyle(size: 11.5, color: .ink)
    static let title = TextStyle(size: 12.5, bold: true, color: .ink)
    static let legendText = TextStyle(size: 10.5, color: .ink)
    static let noteText = TextStyle(size: 9.5, color: Color(hex: 0xA33B00))
    static let annotation = TextStyle(size: 9.5, color: Color(hex: 0x444444))
    static let spine = Color(hex: 0x444444)
    static let spineWidth = 0.8
    static let grid = Color(hex: 0xEBEBEB)
    static let gridWidth = 0.7
    static let tickLength = 3.5
    static let minorTickLength = 2.0
    static let markerSize = 5.5       // marker diameter
    static let bandAlpha = 0.2        // opacity of mean ± std bands
}
