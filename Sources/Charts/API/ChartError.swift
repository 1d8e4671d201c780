/// An error thrown when a plot description cannot be drawn faithfully.
///
/// Every case carries a message that names the plot element and what was wrong, e.g.
/// `series "train": x has 10 values but y has 9`.
public enum ChartError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The plot (or one of its series) has no data to draw.
    case emptyData(String)
    /// Two arrays that must align have different lengths.
    case mismatchedLengths(String)
    /// A value is NaN or infinite where a finite number is required.
    case nonFiniteValue(String)
    /// A value is zero or negative on a logarithmic axis.
    case nonPositiveOnLogAxis(String)
    /// A parameter (size, range, bin count, image shape) is out of its valid domain.
    case invalidParameter(String)
    /// The font file needed for text is missing or unreadable.
    case fontUnavailable(String)
    /// libpng failed to encode or decode an image.
    case pngFailure(String)
    /// Writing the PNG file failed.
    case writeFailed(String)

    /// The human-readable message.
    public var description: String {
        switch self {
        case .emptyData(let m): return "empty data: \(m)"
        case .mismatchedLengths(let m): return "mismatched lengths: \(m)"
        case .nonFiniteValue(let m): return "non-finite value: \(m)"
        case .nonPositiveOnLogAxis(let m): return "non-positive value on a log axis: \(m)"
        case .invalidParameter(let m): return "invalid parameter: \(m)"
        case .fontUnavailable(let m): return "font unavailable: \(m)"
        case .pngFailure(let m): return "PNG failure: \(m)"
        case .writeFailed(let m): return "write failed: \(m)"
        }
    }
}
