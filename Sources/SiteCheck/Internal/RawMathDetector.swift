/// Finds TeX that was meant to be rendered by KaTeX but is still visible as source text.
///
/// Input is visible text (the browser probe leaves out `<code>`, `<pre>`, `<script>`, `<style>` and
/// KaTeX's own output). A match is:
/// - `$$…$$` with something inside;
/// - `\(…\)` and `\[…\]`;
/// - `$…$` following Pandoc's rule, so prices are not mistaken for math: the opening `$` is not escaped
///   (`\$`) and is followed by a non-space, the closing `$` is preceded by a non-space and not followed by
///   a digit, and both lie within 300 characters with no blank line between (a chapter may break a long
///   formula across source lines: `$784 \cdot 512 +` ⏎ `10$`).
///
/// So "costs $5 and $10" is not math, "$x^2$" is. A lone `$` that a chapter really means as a dollar sign
/// and that happens to fit the rule (`$5$`) is reported; write it as `\$` in the chapter.
enum RawMathDetector {
    /// The longest inline formula considered, in characters.
    static let maximumInlineLength = 300

    /// Every raw formula in `text`, as written (delimiters included), in order.
    static func rawFormulas(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let escaped = index > 0 && characters[index - 1] == "\\"
            if character == "$" && !escaped {
                if index + 1 < characters.count, characters[index + 1] == "$" {
                    if let end = find(["$", "$"], in: characters, from: index + 2), end > index + 2 {
                        found.append(String(characters[index..<end + 2]))
                        index = end + 2
                        continue
                    }
                    index += 2
                    continue
                }
                if let end = inlineEnd(in: characters, openingAt: index) {
                    found.append(String(characters[index...end]))
                    index = end + 1
                    continue
                }
            } else if character == "\\", index + 1 < characters.count, !escaped,
                      characters[index + 1] == "(" || characters[index + 1] == "[" {
                let closing: [Character] = ["\\", characters[index + 1] == "(" ? ")" : "]"]
                if let end = find(closing, in: characters, from: index + 2), end > index + 2 {
                    found.append(String(characters[index..<end + 2]))
                    index = end + 2
                    continue
                }
            }
            index += 1
        }
        return found
    }

    /// Index of the `$` closing an inline formula opened at `start`, following Pandoc's rule.
    private static func inlineEnd(in characters: [Character], openingAt start: Int) -> Int? {
        let first = start + 1
        guard first < characters.count, !characters[first].isWhitespace else { return nil }
        var index = first
        var newlineSeen = false
        while index < characters.count, index - start <= maximumInlineLength {
            let character = characters[index]
            if character.isNewline {
                if newlineSeen { return nil }  // a blank line ends the paragraph
                newlineSeen = true
            } else if !character.isWhitespace {
                newlineSeen = false
            }
            if character == "$", characters[index - 1] != "\\" {
                let before = characters[index - 1]
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                if index > first, !before.isWhitespace, !after.isNumber {
                    return index
                }
                if index == first { return nil }  // "$$" handled by the caller
            }
            index += 1
        }
        return nil
    }

    private static func find(_ pattern: [Character], in characters: [Character], from start: Int) -> Int? {
        guard pattern.count <= characters.count else { return nil }
        var index = start
        while index + pattern.count <= characters.count {
            if characters[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
