/// BibTeX field text made plain for a web page: grouping braces dropped, `--` an en dash, `~` a
/// non-breaking space, `\&` `\%` `\_` `\$` their characters. Accents are expected as UTF-8 in the
/// file (`Güney`, not `G{\"u}ney`), which BibTeX engines of today read as well.
enum TeXText {
    static func plain(_ text: String) -> String {
        var out = ""
        var chars = text.makeIterator()
        var pending: Character?
        while let c = pending ?? chars.next() {
            pending = nil
            switch c {
            case "{", "}": continue
            case "~": out.append("\u{00A0}")
            case "\\":
                guard let n = chars.next() else { out.append(c); continue }
                if "&%_$#{}".contains(n) { out.append(n) } else { out.append(c); out.append(n) }
            case "-":
                if let n = chars.next() {
                    if n == "-" { out.append("\u{2013}") } else { out.append(c); pending = n }
                } else { out.append(c) }
            default: out.append(c)
            }
        }
        return out
    }
}
