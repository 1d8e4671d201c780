/// The printed book's own rules, after the site stylesheet: A4 sheets, each chapter on a new
/// sheet, figures and tables kept whole, headings kept with what follows, link targets visible.
enum PrintStyle {
    static let css = """
    @page { size: A4; margin: 18mm 17mm 20mm; }
    body.print-book { max-width: 46rem; margin: 0 auto; padding: 0 1rem; font-size: 16px; }
    .print-title { padding: 30vh 0 2rem; text-align: center; break-after: page; }
    .print-title h1 { font-size: 2.2rem; }
    .print-toc { break-after: page; }
    .print-toc ol { list-style: none; padding-left: 0; }
    .print-toc ol ol { padding-left: 1.4rem; margin: .2rem 0 .6rem; font-size: .92em; }
    .print-toc li { margin: .2rem 0; }
    .print-toc a { color: inherit; text-decoration: none; }
    .print-toc .chapter-number { display: inline-block; min-width: 6.5em; color: #59636e; font-size: .85em;
                                 text-transform: uppercase; letter-spacing: .05em; }
    .print-chapter { break-before: page; }
    .print-chapter .anchor, .print-chapter .pager { display: none; }
    figure, table, .claim, .katex-display, pre { break-inside: avoid; }
    h1, h2, h3, figcaption { break-after: avoid; }
    img { max-width: 100%; }
    @media print { a { color: inherit; text-decoration: underline dotted; } }

    """
}
