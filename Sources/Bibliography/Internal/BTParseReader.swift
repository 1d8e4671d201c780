import CBTParse
import Foundation

/// The package's only btparse file: parses a .bib file with the real BibTeX grammar (string
/// macros expanded, `#` concatenation pasted, whitespace collapsed), splits author lists with
/// BibTeX's own name rules, copies everything into Swift values and frees the C trees with `defer`.
///
/// btparse keeps global state, so every call holds one lock. It reports syntax errors on stderr
/// (file and line) and through its status flag, which becomes a `BibliographyError`.
enum BTParseReader {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var initialized = false

    /// The regular entries of the file at `path` (comments, preambles and `@string`s are consumed).
    static func entries(path: String) throws(BibliographyError) -> [BibEntry] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw BibliographyError(file: path, line: 0, message: "cannot read the bibliography file")
        }
        lock.lock()
        defer { lock.unlock() }
        if !initialized { bt_initialize(); initialized = true }
        bt_reset_error_counts()
        // btparse keeps a pointer to the file name in every node, so the copy lives until the tree is freed.
        guard let cPath = strdup(path) else { throw BibliographyError(file: path, line: 0, message: "out of memory") }
        defer { free(cPath) }
        var ok: boolean = 0
        let list = bt_parse_file(cPath, 0, &ok)
        defer { if let list { bt_free_ast(list) } }
        guard ok != 0 else {
            let n = bt_get_error_count(BTERR_SYNTAX) + bt_get_error_count(BTERR_LEXERR)
            throw BibliographyError(file: path, line: 0,
                                    message: "BibTeX syntax error (\(n) reported by btparse on stderr, with their lines); entries look like @article{key, author = {…}, title = {…}, year = {2017}}")
        }
        var out: [BibEntry] = []
        var entry: UnsafeMutablePointer<AST>? = nil
        while let e = bt_next_entry(list, entry) {
            entry = e
            guard bt_entry_metatype(e) == BTE_REGULAR else { continue }
            let key = bt_entry_key(e).map { String(cString: $0) } ?? ""
            let type = bt_entry_type(e).map { String(cString: $0) }?.lowercased() ?? ""
            var fields: [String: String] = [:]
            var people: [String: [PersonName]] = [:]
            var field: UnsafeMutablePointer<AST>? = nil
            var name: UnsafeMutablePointer<CChar>? = nil
            while let f = bt_next_field(e, field, &name) {
                field = f
                let fieldName = name.map { String(cString: $0) }?.lowercased() ?? ""
                let raw = value(of: f)
                if fieldName == "author" || fieldName == "editor" {
                    people[fieldName] = names(raw, file: cPath, line: Int(e.pointee.line))
                }
                fields[fieldName] = TeXText.plain(raw)
            }
            out.append(BibEntry(key: key, type: type, fields: fields,
                                authors: people["author"] ?? people["editor"] ?? [], line: Int(e.pointee.line)))
        }
        return out
    }

    /// The text of a field: its simple values (one after pasting) joined, owned by the tree.
    private static func value(of field: UnsafeMutablePointer<AST>) -> String {
        var text = ""
        var v: UnsafeMutablePointer<AST>? = nil
        var kind = BTAST_BOGUS
        var chars: UnsafeMutablePointer<CChar>? = nil
        while let next = bt_next_value(field, v, &kind, &chars) {
            v = next
            if let chars { text += String(cString: chars) }
        }
        return text
    }

    /// An `author` or `editor` value split at "and" and each name into BibTeX's four parts.
    private static func names(_ list: String, file: UnsafeMutablePointer<CChar>, line: Int) -> [PersonName] {
        guard let copy = strdup(list) else { return [] }
        defer { free(copy) }
        let split = "and".withCString { and in
            "name".withCString { what in
                bt_split_list(copy, UnsafeMutablePointer(mutating: and), file, Int32(line), UnsafeMutablePointer(mutating: what))
            }
        }
        guard let split else { return [] }
        defer { bt_free_list(split) }
        var out: [PersonName] = []
        for i in 0..<Int(split.pointee.num_items) {
            guard let item = split.pointee.items[i], let name = bt_split_name(item, file, Int32(line), Int32(i + 1)) else { continue }
            defer { bt_free_name(name) }
            func part(_ p: bt_namepart) -> String {
                let k = Int(p.rawValue)
                let tokens = withUnsafeBytes(of: name.pointee.parts) { $0.load(fromByteOffset: k * MemoryLayout<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>.stride,
                                                                                as: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?.self) }
                let count = withUnsafeBytes(of: name.pointee.part_len) { $0.load(fromByteOffset: k * MemoryLayout<Int32>.stride, as: Int32.self) }
                guard let tokens, count > 0 else { return "" }
                return (0..<Int(count)).compactMap { tokens[$0].map { String(cString: $0) } }.map(TeXText.plain).joined(separator: " ")
            }
            out.append(PersonName(first: part(BTN_FIRST), von: part(BTN_VON), last: part(BTN_LAST), jr: part(BTN_JR)))
        }
        return out
    }
}
