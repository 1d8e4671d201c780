/// The whole report as one printable page (`print.html`): a title page with a table of contents,
/// then every chapter, each starting on a new sheet, with the figures numbered as in the chapters
/// and every cross-reference pointing inside the one page.
///
/// ```swift
/// let html = PrintBook(title: "Memorization and generalization",
///                      pages: [("00-introduction.html", intro), ("01-random-labels.html", ch1)]).html()
/// ```
///
/// It is built from the rendered pages: the `<main>` of each, with every `id` prefixed by the page's
/// name (`01-random-labels--sec-question`) and links rewritten to match, so `#sec-question` inside a
/// chapter and `01-random-labels.html#sec-question` from elsewhere both land on the same heading.
/// Links to pages that are not in the book keep their file names; figures and data keep their paths.
public struct PrintBook: Sendable {
    /// The book's title, for the title page and `<title>`.
    public var title: String
    /// The pages in reading order: path relative to the output folder, and the page's HTML.
    public var pages: [(path: String, html: String)]
    /// The site's contents page; links to it go to the printed table of contents.
    public var home: String

    /// Creates a printable book from rendered pages.
    public init(title: String, pages: [(path: String, html: String)], home: String = "index.html") {
        self.title = title; self.pages = pages; self.home = home
    }

    /// The printable page.
    public func html() -> String {
        let inBook = Set(pages.map(\.path))
        var toc = "<nav class=\"print-toc\" id=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        var body = ""
        for page in pages {
            let slug = PageAnchors.slug(page.path)
            let main = PageAnchors.rewrite(PageParts.main(page.html), page: page.path, inBook: inBook, home: home)
            let headings = PageParts.headings(main)
            let chapterTitle = headings.first { $0.level == 1 }?.text ?? PageParts.title(page.html)
            toc += "<li><a href=\"#\(slug)\">\(chapterTitle)</a>"
            let sections = headings.filter { $0.level == 2 }
            if !sections.isEmpty {
                toc += "<ol>" + sections.map { "<li><a href=\"#\($0.id)\">\($0.text)</a></li>" }.joined() + "</ol>"
            }
            toc += "</li>\n"
            body += "<section class=\"print-chapter\" id=\"\(slug)\">\n\(main)\n</section>\n"
        }
        toc += "</ol>\n</nav>\n"
        let first = pages.first?.html ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        \(PageParts.stylesheets(first).joined(separator: "\n"))
        <style>\n\(PrintStyle.css)</style>
        </head>
        <body class="print-book">
        <header class="print-title"><h1>\(title)</h1></header>
        \(toc)\(body)\(PageParts.scripts(first).filter { !$0.contains("assets/search/") }.joined(separator: "\n"))
        </body>
        </html>

        """
    }
}

extension PrintBook {
    /// The book's title as the index page shows it in its `.book-title` link or `<title>`.
    public static func bookTitle(indexPage html: String) -> String? {
        if let r = html.range(of: "class=\"book-title\""), let gt = html.range(of: ">", range: r.upperBound..<html.endIndex),
           let end = html.range(of: "<", range: gt.upperBound..<html.endIndex) {
            let t = String(html[gt.upperBound..<end.lowerBound])
            if !t.isEmpty { return t }
        }
        let t = PageParts.title(html)
        return t.isEmpty ? nil : t
    }
}
