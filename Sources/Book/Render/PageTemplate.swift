/// The frame of every page: head, top bar, sidebar (chapters and this page's outline), content,
/// previous/next links, and the scripts that render formulas.
///
/// On a phone (up to 820 CSS pixels wide) the sidebar is a collapsed "Contents" bar above the text,
/// closed by a one-line script before the page is painted (without scripts it stays open); the
/// chapter list and this page's outline open with one tap. Colours follow `prefers-color-scheme`.
struct PageTemplate {
    struct NavItem {
        var title: String; var href: String; var number: String; var current: Bool
        /// The title of the part this item opens, if any (shown as a heading above it).
        var part: String? = nil
    }

    var bookTitle: String
    var quick: Bool
    var chapters: [NavItem]
    var extraLinks: [NavItem]

    func page(title: String, outline: [ProseRenderer.OutlineEntry], content: String,
              previous: NavItem?, next: NavItem?) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(title.htmlEscaped) · \(bookTitle.htmlEscaped)</title>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/book.css">
        </head>
        <body>
        <header class="topbar"><a class="book-title" href="index.html">\(bookTitle.htmlEscaped)</a></header>

        """
        if quick {
            html += "<div class=\"quick-banner\" role=\"note\"><strong>Quick profile.</strong> Every experiment on this page was shrunk for drafting (fewer examples, epochs and seeds). The numbers are not the report’s results, and claims are not judged.</div>\n"
        }
        html += "<div class=\"layout\">\n<nav class=\"sidebar\" aria-label=\"Contents\">\n<details class=\"toc\" open>\n<summary>Contents</summary>\n<p class=\"nav-heading\">Chapters</p>\n<ol class=\"chapters\">\n"
        for item in chapters {
            if let part = item.part { html += "<li class=\"part\">\(part.htmlEscaped)</li>\n" }
            html += "<li\(item.current ? " class=\"current\"" : "")><a href=\"\(item.href.htmlEscaped)\">\(item.number.isEmpty ? "" : "<span class=\"num\">\(item.number.htmlEscaped)</span> ")\(item.title.htmlEscaped)</a>"
            if item.current && !outline.isEmpty {
                html += "\n<ul class=\"outline\">\n"
                for entry in outline where entry.level <= 3 {
                    html += "<li class=\"level\(entry.level)\"><a href=\"#\(entry.anchor.htmlEscaped)\">\(entry.text.htmlEscaped)</a></li>\n"
                }
                html += "</ul>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n<ul class=\"extra\">\n"
        for item in extraLinks {
            html += "<li\(item.current ? " class=\"current\"" : "")><a href=\"\(item.href.htmlEscaped)\">\(item.title.htmlEscaped)</a></li>\n"
        }
        html += "</ul>\n</details>\n</nav>\n"
        // Phones start with the contents folded, and so does a window narrowed to phone width
        // (a rotated tablet, or a browser resized after loading).
        html += "<script>(() => { const q = window.matchMedia(\"(max-width: 820px)\"), t = document.querySelector(\"details.toc\"); const fold = () => { if (q.matches) t.removeAttribute(\"open\"); else t.setAttribute(\"open\", \"\"); }; fold(); q.addEventListener(\"change\", fold); })();</script>\n"
        html += "<main>\n<article>\n\(content)</article>\n"
        if previous != nil || next != nil {
            html += "<nav class=\"pager\" aria-label=\"Previous and next\">\n"
            if let previous { html += "<a class=\"prev\" href=\"\(previous.href.htmlEscaped)\">← \(previous.title.htmlEscaped)</a>\n" }
            else { html += "<span></span>\n" }
            if let next { html += "<a class=\"next\" href=\"\(next.href.htmlEscaped)\">\(next.title.htmlEscaped) →</a>\n" }
            html += "</nav>\n"
        }
        html += """
        </main>
        </div>
        <script src="assets/katex/katex.min.js"></script>
        <script src="assets/math.js"></script>
        <script src="assets/search/lunr.min.js"></script>
        <script src="search-index.js"></script>
        <script src="assets/search/search.js"></script>
        </body>
        </html>

        """
        return html
    }
}
