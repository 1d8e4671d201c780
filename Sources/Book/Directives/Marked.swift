/// A value from a directive body together with where it was written.
struct Marked<Value: Sendable & Equatable>: Sendable, Equatable {
    var value: Value
    var mark: YAMLMark
}
