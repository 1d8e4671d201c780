import Foundation

/// The static files of the site: the stylesheet, the formula script, and KaTeX with its fonts
/// copied from the Debian packages `libjs-katex` and `fonts-katex` (so pages work offline).
enum SiteAssets {
    static let katexDirectory = "/usr/share/javascript/katex"

    /// Relative path → bytes.
    static func files() throws -> [String: Data] {
        var files: [String: Data] = [
            "assets/book.css": Data(stylesheet.utf8),
            "assets/math.js": Data(mathScript.utf8),
        ]
        let fm = FileManager.default
        for name in ["katex.min.css", "katex.min.js"] {
            let path = (katexDirectory as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path) else {
                throw BookError("KaTeX is missing: cannot read \(path) (install the Debian package libjs-katex; `make deps` does)")
            }
            files["assets/katex/\(name)"] = data
        }
        let fonts = (katexDirectory as NSString).appendingPathComponent("fonts")
        let names = (try? fm.contentsOfDirectory(atPath: fonts)) ?? []
        let woff2 = names.filter { $0.hasSuffix(".woff2") }.sorted()
        guard !woff2.isEmpty else {
            throw BookError("KaTeX fonts are missing in \(fonts) (install the Debian package fonts-katex; `make deps` does)")
        }
        for name in woff2 {
            files["assets/katex/fonts/\(name)"] = fm.contents(atPath: (fonts as NSString).appendingPathComponent(name))
        }
        return files
    }

    /// Renders every `.math` element with KaTeX; a formula KaTeX rejects is shown as source in red.
    static let mathScript = """
    // Formulas were cut out of the Markdown by memgen-book and placed in .math elements as TeX.
    (function () {
      if (typeof katex === "undefined") { return; }
      var nodes = document.querySelectorAll(".math");
      for (var i = 0; i < nodes.length; i++) {
        var el = nodes[i];
        var tex = el.textContent;
        try {
          katex.render(tex, el, { displayMode: el.classList.contains("display"), throwOnError: true, output: "htmlAndMathml" });
        } catch (e) {
          el.classList.add("math-error");
          el.title = String(e.message || e);
          el.textContent = tex;
        }
      }
    })();

    """

    static let stylesheet = """
    :root { --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --accent: #0b5cad; --paper: #ffffff;
            --soft: #f5f7f9; --good: #1a7f37; --bad: #b42318; --warn: #9a6700; --unsure: #6e40c9;
            --banner: #fff8c5; --banner-rule: #d4a72c; --error-bg: #fff1f0; color-scheme: light dark; }
    @media (prefers-color-scheme: dark) {
      :root { --ink: #e4e7eb; --muted: #9aa4af; --rule: #3b424b; --accent: #79b8ff; --paper: #16191d;
              --soft: #20252b; --good: #56d364; --bad: #ff7b72; --warn: #e3b341; --unsure: #b392f0;
              --banner: #3a2f05; --banner-rule: #9e6a03; --error-bg: #2d1618; }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: var(--paper);
           font: 17px/1.6 "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    .topbar { padding: .6rem 1.2rem; border-bottom: 1px solid var(--rule);
              font: 600 15px/1.4 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
    .topbar a { color: var(--ink); }
    .quick-banner { background: var(--banner); border-bottom: 1px solid var(--banner-rule); padding: .5rem 1.2rem;
                    font: 14px/1.5 system-ui, "DejaVu Sans", sans-serif; }
    .layout { display: flex; max-width: 76rem; margin: 0 auto; }
    .sidebar { flex: 0 0 16rem; padding: 1.2rem 1rem; border-right: 1px solid var(--rule);
               font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
               position: sticky; top: 0; align-self: flex-start; max-height: 100vh; overflow-y: auto; }
    .sidebar ol, .sidebar ul { list-style: none; margin: 0; padding: 0; }
    .sidebar li { margin: .25rem 0; }
    .sidebar .num { color: var(--muted); display: inline-block; min-width: 1.4em; }
    .sidebar li.part { margin: .9rem 0 .3rem; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
    .sidebar .current > a { font-weight: 700; color: var(--ink); }
    .sidebar .outline { margin: .3rem 0 .5rem 1.4em; border-left: 2px solid var(--rule); padding-left: .6rem; }
    .sidebar .outline .level3 { margin-left: .8rem; font-size: 13px; }
    .sidebar .extra { margin-top: 1rem; padding-top: .6rem; border-top: 1px solid var(--rule); }
    .toc > summary { display: none; }
    .nav-heading { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; color: var(--muted); margin: 0 0 .4rem; }
    main { flex: 1 1 auto; min-width: 0; padding: 1.5rem 2rem 3rem; }
    article { max-width: 44rem; }
    h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.25; }
    h1 { font-size: 2rem; margin: .5rem 0 1rem; }
    h1 .chapter-number { display: block; font-size: .9rem; color: var(--muted); font-weight: 600; letter-spacing: .04em; text-transform: uppercase; }
    h2 { font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
    h3 { font-size: 1.15rem; margin-top: 1.6rem; }
    .anchor { margin-left: .4rem; color: var(--rule); font-weight: 400; }
    h2:hover .anchor, h3:hover .anchor { color: var(--muted); }
    code { font: .88em/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--soft); padding: .05em .3em; border-radius: 3px; }
    pre { background: var(--soft); padding: .8rem 1rem; overflow-x: auto; border-radius: 4px; border: 1px solid var(--rule); }
    pre code { background: none; padding: 0; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
    img { max-width: 100%; height: auto; }
    .math.display { display: block; overflow-x: auto; overflow-y: hidden; margin: 1rem 0; text-align: center; }
    .equation { display: flex; align-items: center; gap: .8rem; margin: 1rem 0; }
    .equation .math.display { flex: 1 1 auto; min-width: 0; margin: 0; }
    .equation-number { flex: 0 0 auto; font-variant-numeric: tabular-nums; }
    .math-error { color: var(--bad); font-family: monospace; }
    figure.result, .table-card, .claim, .experiment, .error-card { margin: 1.6rem 0; }
    figure.result img { display: block; width: 100%; border: 1px solid var(--rule); border-radius: 4px; background: #fff; }
    figcaption, .caption { font: 14.5px/1.5 system-ui, "DejaVu Sans", sans-serif; margin-top: .5rem; }
    .label { font-weight: 700; }
    .provenance { font: 12.5px/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--muted); margin-top: .3rem; }
    .provenance code { font-size: 11.5px; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; font: 14px/1.4 system-ui, "DejaVu Sans", sans-serif; margin: .4rem 0; min-width: 60%; }
    th, td { padding: .35rem .7rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    table.claims-index { font-size: 13px; }
    table.claims-index th, table.claims-index td { padding: .35rem .45rem; }
    table.claims-index td:first-child { min-width: 7.5em; }
    table.claims-index td:nth-child(4) { min-width: 16em; overflow-wrap: anywhere; }
    table.claims-index .chapter { display: block; color: var(--muted); font-size: 12px; }
    table.claims-index .verdict { font-size: 11px; white-space: nowrap; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    td.digest { word-break: break-all; min-width: 12rem; }
    thead th { border-bottom: 2px solid var(--ink); }
    .claim { border: 1px solid var(--rule); border-left: 6px solid var(--muted); border-radius: 4px; padding: .7rem 1rem;
             font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; }
    .claim.replicated { border-left-color: var(--good); }
    .claim.not-replicated { border-left-color: var(--bad); }
    .claim.not-judged { border-left-color: var(--warn); }
    .claim.inconclusive { border-left-color: var(--unsure); }
    .measured { font-variant-numeric: tabular-nums; border-bottom: 1px dotted var(--muted); }
    .measured.not-judged, .measured-missing { color: var(--warn); font-style: italic; }
    .verdict { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; font-size: 13px; }
    a.verdict-ref { font-weight: 600; text-decoration: none; border-bottom: 1px dotted currentColor; }
    a.verdict-ref.replicated { color: var(--good); } a.verdict-ref.not-replicated { color: var(--bad); } a.verdict-ref.inconclusive { color: var(--unsure); }
    .replicated .verdict { color: var(--good); } .not-replicated .verdict { color: var(--bad); } .not-judged .verdict { color: var(--warn); } .inconclusive .verdict { color: var(--unsure); }
    .claim ul { margin: .3rem 0; padding-left: 1.2rem; }
    .claim .paper { color: var(--muted); font-style: italic; }
    .experiment { border: 1px solid var(--rule); border-radius: 4px; padding: .6rem 1rem; background: var(--soft);
                  font: 14px/1.5 system-ui, "DejaVu Sans", sans-serif; }
    .experiment dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0; }
    .experiment dt { color: var(--muted); } .experiment dd { margin: 0; }
    .error-card { border: 2px solid var(--bad); background: var(--error-bg); border-radius: 4px; padding: .6rem 1rem;
                  font: 14px/1.5 system-ui, "DejaVu Sans", sans-serif; }
    .error-card pre { background: var(--paper); white-space: pre-wrap; }
    .xref-missing { color: var(--bad); font-weight: 700; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; max-width: 44rem; margin-top: 3rem; padding-top: 1rem;
             border-top: 1px solid var(--rule); font: 15px/1.4 system-ui, "DejaVu Sans", sans-serif; }
    .chapter-list { list-style: none; padding: 0; }
    .chapter-list li { margin: 0 0 1rem; }
    .chapter-list li.part { margin: 1.8rem 0 .8rem; font: 600 1.1rem/1.3 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
    .chapter-list .summary { display: block; color: var(--muted); font-size: 15px; }
    .subtitle { color: var(--muted); font-size: 1.15rem; margin-top: -.5rem; }
    @media (max-width: 820px) {
      .layout { display: block; }
      .sidebar { position: static; max-height: none; border-right: none; border-bottom: 1px solid var(--rule); padding: .4rem 1rem; }
      .toc > summary { display: list-item; cursor: pointer; font-weight: 600; padding: .35rem 0; }
      .toc[open] > summary { margin-bottom: .4rem; }
      main { padding: 1rem 1rem 2rem; }
      body { font-size: 16px; }
      h1 { font-size: 1.6rem; }
    }
    @media print {
      .sidebar, .topbar, .pager, .anchor { display: none; }
      .layout { display: block; } main { padding: 0; } article { max-width: none; }
      body { font-size: 11pt; }
      figure.result, .claim, .table-card { break-inside: avoid; }
      a { color: inherit; }
    }

    """
}
