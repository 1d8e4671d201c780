import Foundation

/// What a reader relies on beyond loading: the search box and the citations.
///
/// Search: where the search script is loaded there must be a box; a search for the words of the
/// page's own `h1` must list at least one result on this very page, and every result must
/// link to a page and anchor that exist. Citations: no `[@key]` may be left in visible text, and
/// every `a.citation` must point at an element on the page or another page that exists
/// (the link check resolves the anchor itself).
struct ReaderProbe: Decodable {
    init(searchScript: Bool, searchBox: Bool, search: Search?, citations: [Citation], rawCitations: [String], location: String) {
        self.searchScript = searchScript; self.searchBox = searchBox; self.search = search
        self.citations = citations; self.rawCitations = rawCitations; self.location = location
    }

    struct Search: Decodable {
        let query: String
        let results: [String]
    }

    struct Citation: Decodable {
        let text: String
        let href: String
    }

    /// Whether `assets/search/search.js` is loaded, and the box it should have added exists.
    let searchScript: Bool
    let searchBox: Bool
    let search: Search?
    let citations: [Citation]
    /// Visible text that still contains `[@…`.
    let rawCitations: [String]
    /// This page's file URL, to recognise results on it.
    let location: String

    func findings(page: String, outputDirectory: URL) -> [SiteCheckFinding] {
        var findings: [SiteCheckFinding] = []
        if searchScript && !searchBox {
            findings.append(SiteCheckFinding(page: page, check: .search, message: "search.js is loaded but no #search-input box appeared"))
        }
        if let search {
            if !search.results.contains(where: { $0.split(separator: "#")[0] == location.split(separator: "#")[0] }) {
                findings.append(SiteCheckFinding(page: page, check: .search,
                                                 message: "searching for “\(search.query)” (this page's title) lists \(search.results.count) results, none on this page"))
            }
            for result in search.results {
                if let problem = Self.resolve(result, outputDirectory: outputDirectory) {
                    findings.append(SiteCheckFinding(page: page, check: .search, message: "search result for “\(search.query)”: \(problem)"))
                }
            }
        }
        for text in rawCitations {
            findings.append(SiteCheckFinding(page: page, check: .citation, message: "unrendered citation in visible text: “\(text)”"))
        }
        for c in citations where c.text.isEmpty || c.text.contains("@") || !c.href.contains("#") {
            findings.append(SiteCheckFinding(page: page, check: .citation,
                                             message: "citation link “\(c.text)” → \(c.href) is not rendered author–year or does not point at a reference"))
        }
        return findings
    }

    /// Why a result URL does not resolve (missing file or anchor), or nil.
    static func resolve(_ href: String, outputDirectory: URL) -> String? {
        guard let url = URL(string: href), url.isFileURL else { return "\(href) is not a file link" }
        guard let data = FileManager.default.contents(atPath: url.path) else { return "\(url.lastPathComponent) does not exist" }
        guard let anchor = url.fragment?.removingPercentEncoding, !anchor.isEmpty else { return nil }
        let html = String(decoding: data, as: UTF8.self)
        return html.contains("id=\"\(anchor)\"") ? nil : "\(url.lastPathComponent) has no element with id \"\(anchor)\""
    }

    static func decode(_ json: String) throws -> ReaderProbe {
        do { return try JSONDecoder().decode(ReaderProbe.self, from: Data(json.utf8)) } catch {
            throw SiteCheckError.devTools("the reader probe returned unreadable data: \(error)")
        }
    }

    /// Runs in the page; resolves to a JSON string.
    static let script = #"""
    (async () => {
      const searchScript = [...document.scripts].some((s) => (s.getAttribute('src') || '').endsWith('assets/search/search.js'));
      const input = document.getElementById('search-input');
      let search = null;
      const heading = document.querySelector('h1');
      if (input && heading) {
        const words = heading.textContent.split(/[^A-Za-z]+/).filter((w) => w.length >= 4 && !/^chapter$/i.test(w));
        const query = words.slice(0, 5).join(' ');
        if (query) {
          input.value = query;
          input.dispatchEvent(new Event('input'));
          await new Promise((r) => setTimeout(r, 50));
          const results = [...document.querySelectorAll('#search-results a')].map((a) => a.href);
          search = { query, results };
          input.value = '';
          input.dispatchEvent(new Event('input'));
        }
      }
      const citations = [...document.querySelectorAll('a.citation')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') || '' }));
      const rawCitations = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement && node.parentElement.closest('code, pre, script, style, textarea, template')) continue;
        const m = node.textContent.match(/\[@[^\]\s]{0,60}/);
        if (m && rawCitations.length < 5) rawCitations.push(m[0]);
      }
      return JSON.stringify({ searchScript, searchBox: !!input, search, citations, rawCitations, location: location.href });
    })()
    """#
}
