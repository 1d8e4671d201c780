/// Why a data set could not be read or built, with the file and what was expected.
public enum DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file does not exist (or cannot be opened).
    case missingFile(path: String)
    /// The file ended early: `expected` bytes were needed, `found` were there.
    case truncated(path: String, expected: Int, found: Int)
    /// The file does not start with the magic number of its format.
    case badMagic(path: String, expected: String, found: String)
    /// The file is readable but its content is inconsistent (e.g. decompression failed).
    case corrupt(path: String, reason: String)
    /// An argument or a combination of files that cannot work (e.g. image and label counts differ).
    case invalid(String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "missing data file \(path)"
        case let .truncated(path, expected, found):
            return "truncated data file \(path): expected \(expected) bytes, found \(found)"
        case let .badMagic(path, expected, found):
            return "not the expected format in \(path): expected magic \(expected), found \(found)"
        case let .corrupt(path, reason):
            return "unreadable data file \(path): \(reason)"
        case .invalid(let message):
            return "invalid data set: \(message)"
        }
    }
}
