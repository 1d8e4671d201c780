/// Where a text box sits relative to the point it is drawn at.
struct TextAnchor: Hashable, Sendable {
    enum Horizontal: Hashable, Sendable { case left, center, right }
    enum Vertical: Hashable, Sendable { case top, center, baseline, bottom }
    var horizontal: Horizontal
    var vertical: Vertical

    static let topLeft = TextAnchor(horizontal: .left, vertical: .top)
    static let topCenter = TextAnchor(horizontal: .center, vertical: .top)
    static let centerLeft = TextAnchor(horizontal: .left, vertical: .center)
    static let centerRight = TextAnchor(horizontal: .right, vertical: .center)
    static let center = TextAnchor(horizontal: .center, vertical: .center)
    static let bottomCenter = TextAnchor(horizontal: .center, vertical: .bottom)
    static let bottomLeft = TextAnchor(horizontal: .left, vertical: .bottom)
    static let bottomRight = TextAnchor(horizontal: .right, vertical: .bottom)
    static let topRight = TextAnchor(horizontal: .right, vertical: .top)
}
