/// One fenced directive of a chapter, validated on its own (references are checked later).
enum Directive: Sendable {
    case experiment(ExperimentDirective)
    case figure(FigureDirective)
    case table(TableDirective)
    case claim(ClaimDirective)
    /// The book's table of every claim and its verdict.
    case claimsIndex(ClaimsIndexDirective)
    /// A directive that failed validation: the page shows an error card in its place.
    case failed(kind: String, Diagnostic)

    /// The info strings that make a fenced code block a directive.
    static let kinds = ["experiment", "figure", "table", "claim", "claims"]

    /// Parses the YAML body of a directive fence of kind `info`.
    /// `experiments`: every experiment body of the book by id (for `extends:`).
    static func parse(info: String, body: String, kinds: [any ExperimentKind], location: DirectiveLocation,
                      experiments: [String: YAMLNode] = [:]) -> Directive {
        do {
            let node = try YAMLNode.parse(body)
            switch info {
            case "experiment": return .experiment(try ExperimentDirective.parse(node, kinds: kinds, location: location, bases: experiments))
            case "figure": return .figure(try FigureDirective.parse(node, location: location))
            case "table": return .table(try TableDirective.parse(node, location: location))
            case "claims": return .claimsIndex(try ClaimsIndexDirective.parse(node, location: location))
            default: return .claim(try ClaimDirective.parse(node, location: location))
            }
        } catch {
            return .failed(kind: info, location.diagnostic(error))
        }
    }
}

extension Directive {
    /// The experiment a figure, table or claim draws from.
    var from: String? {
        switch self {
        case .figure(let f): return f.from.value
        case .table(let t): return t.from.value
        case .claim(let k): return k.from.value
        default: return nil
        }
    }

    /// The info string of the directive's fence (`claims` for the claims index).
    var kindName: String {
        switch self {
        case .experiment: return "experiment"
        case .figure: return "figure"
        case .table: return "table"
        case .claim: return "claim"
        case .claimsIndex: return "claims"
        case .failed(let kind, _): return kind
        }
    }
}
