/// A parameter that takes one of a fixed set of names, declared as a `String` enum:
///
/// ```swift
/// enum Middle: String, SpecChoice { case firstBit = "first-bit", random, noisyBand = "noisy-band" }
/// ```
///
/// The YAML names are the raw values, in declaration order.
public protocol SpecChoice: SpecConvertible, CaseIterable, RawRepresentable where RawValue == String {}

extension SpecChoice {
    /// Every valid name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The case named by a validated `.text` value.
    public init(specValue: SpecValue) throws(SpecDecodingError) {
        guard let s = specValue.textValue, let value = Self(rawValue: s) else {
            throw SpecDecodingError("expected one of \(Self.names.joined(separator: ", ")), got \(specValue)")
        }
        self = value
    }

    /// `.text(rawValue)`.
    public var specValue: SpecValue { .text(rawValue) }
}
