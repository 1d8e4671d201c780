/// Describes a filled spec value for pages, using its schema type: variants as `sgd(lr: 0.01, …)`,
/// records as `train: 2000, test: 2000`, empty text and empty records left out.
enum SpecDescription {
    static func describe(_ value: SpecValue, type: SpecType) -> String {
        switch (value, type) {
        case (.record(let fields), .record(let schema)):
            return schema.compactMap { f -> String? in
                guard let v = fields[f.name] else { return nil }
                if case .text("") = v { return nil }
                if case .record(let r) = v, r.isEmpty { return nil }
                return "\(f.name): \(describe(v, type: f.type))"
            }.joined(separator: ", ")
        case (.record, .variant(let cases)):
            guard let (name, fields) = value.variantCase, let c = cases.first(where: { $0.name == name }) else { return value.description }
            let inner = describe(.record(fields), type: .record(c.fields))
            return inner.isEmpty ? name : "\(name)(\(inner))"
        case (.list(let items), .list(let itemType, _)):
            return "[" + items.map { describe($0, type: itemType) }.joined(separator: ", ") + "]"
        default:
            return value.description
        }
    }
}
