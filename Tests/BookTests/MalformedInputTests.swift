import Foundation
import XCTest
@testable import Book

/// The malformed-input corpus: each case writes a book of two chapters — a good one (`01-good.md`,
/// an experiment of the instant `line` kind with a figure) and a broken one (`02-bad.md`) — builds it
/// in-process, and asserts the exact error with its file:line:column, a non-zero exit status, that
/// the good chapter's page and figure are still written, and (for a broken directive) that an error
/// card stands in its place. Nothing trains except the closed-form `line` kind.
final class MalformedInputTests: XCTestCase {
    static let good = """
    # Good chapter

    Fine prose.

    ```experiment
    id: base
    kind: line
    seeds: [1, 2]
    ```

    ```figure
    label: base-curve
    from: base
    x: x
    y: y
    caption: The good figure.
    ```

    """

    /// A bad chapter whose first directive fence is on line 5 (its YAML body starts on line 6).
    static func bad(_ kind: String, _ body: String, rest: String = "") -> String {
        "# Bad chapter\n\nSome prose.\n\n```\(kind)\n\(body)\n```\n\n\(rest)"
    }

    struct Outcome {
        var book: TestBook
        var summary: BuildSummary
        var errors: [String]
        var page: String?
    }

    /// Builds the two-chapter book with `text` as `02-bad.md` (or `bytes`), plus an optional book.yml.
    @discardableResult
    func build(_ text: String? = nil, bytes: [UInt8]? = nil, config: String? = nil, name: String = "02-bad.md") -> Outcome {
        let book = TestBook()
        book.write("01-good.md", Self.good)
        if let text { book.write(name, text) }
        if let bytes { book.writeBytes(name, bytes) }
        if let config { book.write("book.yml", config) }
        let (summary, log) = book.build()
        let errors = log.errors.map { $0.replacingOccurrences(of: book.root.path + "/", with: "") }
        return Outcome(book: book, summary: summary, errors: errors, page: book.file(String(name.dropLast(3)) + ".html")?.replacingOccurrences(of: book.root.path + "/", with: ""))
    }

    /// Asserts the error `Chapters/<expected>`, a non-zero exit, the good chapter intact, and an error
    /// card on the bad page when `card` is set.
    @discardableResult
    func assertBroken(_ text: String, _ expected: String, card: Bool = true, config: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        let o = build(text, config: config)
        check(o, expected, card: card, file: file, line: line)
        return o
    }

    func check(_ o: Outcome, _ expected: String, card: Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(o.summary.exitCode, 1, "a broken book exits with status 1", file: file, line: line)
        XCTAssertTrue(o.errors.contains { $0.hasSuffix("Chapters/" + expected) },
                      "expected …Chapters/\(expected)\ngot:\n\(o.errors.joined(separator: "\n"))", file: file, line: line)
        XCTAssertEqual(o.summary.errors.count, o.errors.count, "every error is printed", file: file, line: line)
        let good = o.book.file("01-good.html")
        XCTAssertNotNil(good, "the good chapter is still built", file: file, line: line)
        XCTAssertTrue(good?.contains("<figure class=\"result\"") ?? false, "the good chapter's figure is drawn", file: file, line: line)
        XCTAssertFalse(good?.contains("error-card") ?? true, "the good chapter has no error card", file: file, line: line)
        XCTAssertTrue(o.book.exists("figures/01-good-fig-base-curve.png"), "the good figure's PNG is written", file: file, line: line)
        XCTAssertTrue(o.book.exists("index.html"), file: file, line: line)
        if card {
            XCTAssertTrue(o.page?.contains("class=\"error-card\"") ?? false, "an error card replaces the bad directive", file: file, line: line)
            let message = String(expected.drop(while: { $0 != " " }).dropFirst())
            XCTAssertTrue(o.page?.contains(message.htmlEscaped) ?? false, "the card shows the message", file: file, line: line)
        }
    }

    // MARK: - Broken YAML

    func testUnclosedFlowSequence() {
        assertBroken(Self.bad("experiment", "id: a\nkind: [line"),
                     "02-bad.md:8:1: malformed YAML: while parsing a flow sequence did not find expected ',' or ']'")
    }

    func testBadIndentation() {
        assertBroken(Self.bad("experiment", "id: a\n  kind: line"),
                     "02-bad.md:7:7: malformed YAML: mapping values are not allowed in this context")
    }

    func testTabIndentation() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\n\tslope: 2"),
                     "02-bad.md:8:1: malformed YAML: while scanning a plain scalar found a tab character that violates indentation")
    }

    func testUnclosedQuote() {
        assertBroken(Self.bad("experiment", "id: \"a\nkind: line"),
                     "02-bad.md:8:1: malformed YAML: while scanning a quoted scalar found unexpected end of stream")
    }

    func testBodyIsAList() {
        assertBroken(Self.bad("experiment", "- id: a\n- kind: line"),
                     "02-bad.md:6:1: an experiment must be a YAML mapping, got a list")
    }

    func testBodyIsAScalar() {
        assertBroken(Self.bad("figure", "just some words"),
                     "02-bad.md:6:1: a figure must be a YAML mapping, got 'just some words'")
    }

    func testEmptyExperiment() {
        assertBroken(Self.bad("experiment", ""), "02-bad.md:6:1: missing required key 'id' (text)")
    }

    func testMappingAsKey() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\n? {slope: 1}\n: 2"),
                     "02-bad.md:8:3: a key must be a plain name, not a list or mapping")
    }

    func testDuplicateKey() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nslope: 1\nslope: 2"),
                     "02-bad.md:9:1: duplicate key 'slope' (first given on the line above)")
    }

    func testDuplicateKeyInAFlowMapping() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nshape: {power: 2, power: 3}"),
                     "02-bad.md:8:19: duplicate key 'power' (first given earlier on this line)")
    }

    /// "Billion laughs": aliases that would expand to 10⁹ nodes must be refused, not expanded.
    func testAliasBomb() {
        var yaml = "id: a\nkind: line\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for i in 1...9 { yaml += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        assertBroken(Self.bad("experiment", yaml), "02-bad.md:8:5: this list or mapping is reused through a YAML alias (*name); aliases of lists and mappings are not supported in directives, write the value out")
    }

    /// Ten thousand nested lists must give an error, not overflow the stack.
    func testDeeplyNestedYAML() {
        let depth = 10_000
        let yaml = "id: a\nkind: line\nslope: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        assertBroken(Self.bad("experiment", yaml), "02-bad.md:8:107: the YAML nests more than 100 levels deep; flatten it")
    }

    /// The nesting guard counts structure, not text: brackets inside quoted scalars and block
    /// scalars, and deep indentation inside a block scalar, are fine.
    func testBracketsInTextAreNotNesting() throws {
        let many = String(repeating: "[", count: 150)
        let text = Self.bad("figure", "from: base\nx: x\ny: y\ntitle: \"\(many)\"\ncaption: |\n  \(many)\n" + (1...120).map { String(repeating: " ", count: $0 + 2) + "{" }.joined(separator: "\n"))
        let o = build(text)
        XCTAssertEqual(o.errors, [])
        XCTAssertTrue(try XCTUnwrap(o.page).contains("<figure class=\"result\""))
    }

    // MARK: - Wrong types

    func testIntegerGivenAFraction() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\npoints: 2.5"),
                     "02-bad.md:8:9: key 'points': expected an integer in 1...1000, got '2.5'")
    }

    func testSeedsNotAList() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nseeds: one"),
                     "02-bad.md:8:8: key 'seeds[0]': expected an integer in 0...2147483647, got 'one'")
    }

    func testSeedsNotDistinct() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nseeds: [3, 3]"),
                     "02-bad.md:8:8: key 'seeds': seeds must be distinct")
    }

    func testIdIsAList() {
        assertBroken(Self.bad("experiment", "id: [a, b]\nkind: line"),
                     "02-bad.md:6:5: key 'id': expected text, got a list")
    }

    func testQuotedNumberIsNotANumber() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nslope: \"2\""),
                     "02-bad.md:8:8: key 'slope': expected a number in -100...100, got '2'")
    }

    func testCaptionIsAMapping() {
        assertBroken(Self.bad("figure", "from: base\ny: y\ncaption: {a: 1}"),
                     "02-bad.md:8:10: key 'caption': expected text, got a mapping")
    }

    func testNotANumber() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nslope: .nan"),
                     "02-bad.md:8:8: key 'slope': expected a number in -100...100, got '.nan'")
    }

    // MARK: - Unknown keys and names

    func testUnknownTableKeySuggestsNearest() {
        assertBroken(Self.bad("table", "from: base\ncolums: [final]"),
                     "02-bad.md:7:1: unknown key 'colums' in table (valid: label, from, rows, columns, where, format, digits, paper, caption, paper-source; did you mean 'columns'?)")
    }

    func testUnknownClaimKeySuggestsNearest() {
        assertBroken(Self.bad("claim", "from: base\nmetric: final\nexpect: {at-least: 0}\nstatment: hi"),
                     "02-bad.md:9:1: unknown key 'statment' in claim (valid: label, from, statement, paper, metric, where, expect, min-seeds; did you mean 'statement'?)")
    }

    func testUnknownDataSet() {
        assertBroken(Self.bad("experiment", "id: a\ndata: {set: fashion-mnst, train: 10}"),
                     "02-bad.md:7:13: key 'data.set': unknown value 'fashion-mnst' (valid: fashion-mnist, mnist, kmnist, cifar10, gaussian-mixture; did you mean 'fashion-mnist'?)")
    }

    func testUnknownModel() {
        assertBroken(Self.bad("experiment", "id: a\ndata: {set: gaussian-mixture, train: 10}\nmodel: {mpl: [4]}"),
                     "02-bad.md:8:9: key 'model': unknown value 'mpl' (valid: mlp, cnn, resnet, inception; did you mean 'mlp'?)")
    }

    func testUnknownOptimizerSetting() {
        assertBroken(Self.bad("experiment", "id: a\ndata: {set: gaussian-mixture, train: 10}\noptimizer: {sgd: {lrr: 0.1}}"),
                     "02-bad.md:8:19: unknown key 'lrr' in 'optimizer.sgd' (valid: lr, momentum, nesterov, weight-decay; did you mean 'lr'?)")
    }

    /// The series behind an image grid's per-image labels and frames are checked with the other
    /// references, before anything trains (so `memgen-book check` reports them too).
    func testUnknownImageLabelSeries() {
        assertBroken(Self.bad("figure", "from: base\nplot: images\ny: y\nimage-labels: [labelz]"),
                     "02-bad.md:9:16: key 'image-labels': unknown metric 'labelz' for experiment 'base' (valid: final, slope, x, y)")
        assertBroken(Self.bad("figure", "from: base\nplot: images\ny: y\nhighlight: finl"),
                     "02-bad.md:9:12: key 'highlight': unknown metric 'finl' for experiment 'base' (valid: final, slope, x, y; did you mean 'final'?)")
    }

    func testUnknownMetricInFigure() {
        assertBroken(Self.bad("figure", "from: base\nx: x\ny: [y, why]"),
                     "02-bad.md:8:8: key 'y': unknown metric 'why' for experiment 'base' (valid: final, slope, x, y; did you mean 'y'?)")
    }

    func testUnknownMetricInClaim() {
        assertBroken(Self.bad("claim", "from: base\nmetric: max(finl)\nexpect: {at-least: 0}"),
                     "02-bad.md:7:9: key 'metric': unknown metric 'max(finl)' for experiment 'base' (valid: final, slope, x, y; did you mean 'final'?)")
    }

    // MARK: - Sizes

    func testNegativeTrainingSetSize() {
        assertBroken(Self.bad("experiment", "id: a\ndata: {set: gaussian-mixture, train: -5}"),
                     "02-bad.md:7:38: key 'data.train': -5 is out of range (valid: 1...60000)")
    }

    func testAbsurdEpochs() {
        assertBroken(Self.bad("experiment", "id: a\ndata: {set: gaussian-mixture, train: 10}\nepochs: 1000000000000"),
                     "02-bad.md:8:9: key 'epochs': 1000000000000 is out of range (valid: 1...100000)")
    }

    func testIntegerBeyondInt64() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\npoints: 99999999999999999999999999"),
                     "02-bad.md:8:9: key 'points': expected an integer in 1...1000, got '99999999999999999999999999'")
    }

    func testSweepThatExplodes() {
        let values = (1...30).map(String.init).joined(separator: ", ")
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nsweep: {slope: [\(values)], offset: [\(values)]}"),
                     "02-bad.md:8:8: the sweep expands to 900 runs (conditions × grid × seeds); at most 500 are allowed")
    }

    /// Twenty axes of ten values each: 10²⁰ runs overflows a 64-bit count, which must not trap.
    func testSweepWhoseSizeOverflowsInt64() {
        let ten = "[" + (1...10).map { "0.0\($0 - 1)1" }.joined(separator: ", ") + "]"
        let paths = ["corruption.labels", "optimizer.sgd.lr", "optimizer.sgd.momentum", "optimizer.sgd.weight-decay",
                     "data.separation", "data.noise", "model.mlp.dropout", "stop.train-accuracy",
                     "data.train", "data.test", "batch", "epochs", "data.clusters", "data.dimension", "data.seed",
                     "data.classes", "record.test-every", "augment.crop-padding", "data.crop", "model.mlp.hidden"]
        var lines = ["id: a", "data: {set: gaussian-mixture, train: 10}", "sweep:"]
        for path in paths {
            let integer = ["data.train", "data.test", "batch", "epochs", "data.clusters", "data.dimension", "data.seed",
                           "data.classes", "record.test-every", "augment.crop-padding", "data.crop"].contains(path)
            if path == "model.mlp.hidden" { lines.append("  \(path): [" + (1...10).map { "[\($0)]" }.joined(separator: ", ") + "]") }
            else { lines.append("  \(path): " + (integer ? "[" + (2...11).map(String.init).joined(separator: ", ") + "]" : ten)) }
        }
        let o = build(Self.bad("experiment", lines.joined(separator: "\n")))
        check(o, "02-bad.md:9:3: the sweep expands to more than 9223372036854775807 runs (conditions × grid × seeds); at most 500 are allowed", card: true)
    }

    func testEmptySweepList() {
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nsweep: {slope: []}"),
                     "02-bad.md:8:16: key 'sweep.slope': expected a non-empty list of values")
    }

    func testTooManySeeds() {
        let seeds = (1...101).map(String.init).joined(separator: ", ")
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nseeds: [\(seeds)]"),
                     "02-bad.md:8:8: key 'seeds': expected a list of 1...100 items, each an integer in 0...2147483647, got 101 items")
    }

    // MARK: - References

    func testFigureFromMissingExperiment() {
        assertBroken(Self.bad("figure", "from: bse\ny: y"),
                     "02-bad.md:6:7: key 'from': unknown experiment 'bse' (valid: base; did you mean 'base'?)")
    }

    func testTableFromMissingExperiment() {
        assertBroken(Self.bad("table", "from: nothing-like-it\ncolumns: [final]"),
                     "02-bad.md:6:7: key 'from': unknown experiment 'nothing-like-it' (valid: base)")
    }

    func testClaimWithoutFrom() {
        assertBroken(Self.bad("claim", "metric: final\nexpect: {at-least: 0}"),
                     "02-bad.md:6:1: missing required key 'from' in claim")
    }

    func testDuplicateExperimentIdAcrossChapters() {
        assertBroken(Self.bad("experiment", "id: base\nkind: line"),
                     "02-bad.md:5:1: duplicate experiment id 'base' (first defined at Chapters/01-good.md:5)")
    }

    func testDuplicateLabelAcrossChapters() {
        assertBroken(Self.bad("figure", "label: base-curve\nfrom: base\nx: x\ny: y"),
                     "02-bad.md:6:8: duplicate label 'fig:base-curve' (also Figure 1.1 in 01-good)")
    }

    func testDanglingCrossReference() {
        assertBroken("# Bad chapter\n\nAs @fig:base-curv shows, and @tbl:none.\n",
                     "02-bad.md:3:4: unknown cross-reference '@fig:base-curv' (did you mean '@fig:base-curve'?)", card: false)
    }

    func testDanglingSectionReference() {
        assertBroken("# Bad chapter\n\nSee\nalso @sec:nowhere.\n",
                     "02-bad.md:4:6: unknown cross-reference '@sec:nowhere' (nothing is labelled 'sec:…' in this book)", card: false)
    }

    /// Captions that refer to each other (and to themselves) are a cycle only on paper: each is
    /// numbered once and links resolve without recursion.
    func testCyclicReferencesInCaptionsResolve() throws {
        let text = Self.bad("table", "label: one\nfrom: base\ncolumns: [final]\ncaption: See @tbl:two and @tbl:one.",
                            rest: "```table\nlabel: two\nfrom: base\ncolumns: [slope]\ncaption: See @tbl:one and @tbl:two.\n```\n")
        let o = build(text)
        XCTAssertEqual(o.errors, [])
        let page = try XCTUnwrap(o.page)
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#tbl-two\">Table 2.2</a>"), page)
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#tbl-one\">Table 2.1</a>"))
    }

    func testWhereValueNoRunHas() {
        assertBroken(Self.bad("claim", "from: base\nmetric: final\nwhere: {seed: 9}\nexpect: {at-least: 0}"),
                     "02-bad.md:8:15: key 'where.seed': experiment 'base' has no run with seed = '9' (valid: 1, 2)")
    }

    // MARK: - Bytes and sizes of files

    func testNonUTF8Chapter() {
        let bytes = Array("# Bad\n\nline three\nab".utf8) + [0xC3, 0x28] + Array(" rest\n".utf8)
        let o = build(bytes: bytes)
        check(o, "02-bad.md:4:3: the chapter is not valid UTF-8 text (first bad byte here); save it as UTF-8", card: false)
        XCTAssertNil(o.page, "a chapter that cannot be read has no page")
    }

    func testTruncatedMultibyteAtEndOfFile() {
        let o = build(bytes: Array("# Bad\n\né".utf8).dropLast())
        check(o, "02-bad.md:3:1: the chapter is not valid UTF-8 text (first bad byte here); save it as UTF-8", card: false)
    }

    func testNonUTF8BookConfig() {
        let book = TestBook()
        book.write("01-good.md", Self.good)
        book.writeBytes("book.yml", Array("title: caf".utf8) + [0xE9])
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:1:1: cannot read the book config as UTF-8 text") }, "\(log.errors)")
    }

    func testNulBytesAreHarmless() throws {
        let o = build(bytes: Array("# Nul\n\nbefore".utf8) + [0] + Array(" after\n".utf8))
        XCTAssertEqual(o.errors, [])
        let page = try XCTUnwrap(o.page)
        XCTAssertFalse(page.contains("\0"), "NUL is replaced, never written into HTML")
    }

    /// A 4 MB chapter of prose with a directive at its very end: builds, and the error's line is exact.
    func testHugeChapter() {
        let paragraph = String(repeating: "word ", count: 200) + "\n\n"
        var text = "# Huge\n\n"
        for _ in 0..<4000 { text += paragraph }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        text += "```figure\nfrom: base\nx: x\ny: nope\n```\n"
        let o = build(text)
        check(o, "02-bad.md:\(lines + 3):4: key 'y': unknown metric 'nope' for experiment 'base' (valid: final, slope, x, y; did you mean 'slope'?)", card: true)
    }

    func testHugeDirectiveList() {
        let values = (0..<200_000).map { "\($0 % 100)" }.joined(separator: ", ")
        assertBroken(Self.bad("experiment", "id: a\nkind: line\nsweep: {slope: [\(values)]}"),
                     "02-bad.md:8:16: key 'sweep.slope': values must be distinct")
    }

    /// CIFAR-10 batches whose first file ends in the middle of a record: the run fails with an error
    /// naming the file and its size, at the experiment's fence; the other chapter is built.
    func testTruncatedCIFARBatch() throws {
        let book = TestBook()
        let data = book.root.appendingPathComponent("cifar")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        func records(_ n: Int) -> Data { Data((0..<n).flatMap { r in [UInt8(r % 10)] + Array(repeating: UInt8(100), count: 3072) }) }
        try records(5).prefix(4 * 3073 + 1000).write(to: data.appendingPathComponent("data_batch_1.bin"))
        for i in 2...5 { try records(4).write(to: data.appendingPathComponent("data_batch_\(i).bin")) }
        try records(4).write(to: data.appendingPathComponent("test_batch.bin"))
        book.write("01-good.md", Self.good)
        book.write("02-bad.md", Self.bad("experiment", "id: c\ndata: {set: cifar10, directory: \(data.path), train: 6, test: 4}\nmodel: {mlp: [4]}\nepochs: 1\nbatch: 2",
                                         rest: "```table\nfrom: c\ncolumns: [train-accuracy]\n```\n"))
        let (summary, log) = book.build()
        let errors = log.errors.map { $0.replacingOccurrences(of: book.root.path + "/", with: "") }
        XCTAssertEqual(summary.exitCode, 1, "\(log.lines)")
        XCTAssertTrue(errors.contains { $0.hasPrefix("Chapters/02-bad.md:5:1: run c") && $0.contains("cifar/data_batch_1.bin") && $0.contains("13292") }, "\(errors)")
        XCTAssertTrue(book.file("01-good.html")?.contains("<figure class=\"result\"") ?? false)
        XCTAssertTrue(book.file("02-bad.html")?.contains("error-card") ?? false, "the table that needs the run shows an error card")
    }

    // MARK: - Injection

    func testRawHTMLBlockIsEscapedByDefault() throws {
        let o = build("# Bad\n\n<script>alert('x')</script>\n\n<div onclick=\"steal()\">hi</div>\n")
        XCTAssertEqual(o.errors, [])
        let page = try XCTUnwrap(o.page)
        XCTAssertFalse(page.contains("<script>alert"), "raw script is not passed through")
        XCTAssertFalse(page.contains("<div onclick"))
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    func testInlineHTMLIsEscapedByDefault() throws {
        let o = build("# Bad\n\nText <img src=x onerror=alert(1)> more <b>bold</b>.\n")
        let page = try XCTUnwrap(o.page)
        XCTAssertFalse(page.contains("<img src=x"))
        XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    func testRawHTMLPassesOnlyWhenAllowed() throws {
        let o = build("# Bad\n\n<div class=\"note\">kept</div>\n\nInline <b>bold</b>.\n", config: "allow-html: true\n")
        XCTAssertEqual(o.errors, [])
        let page = try XCTUnwrap(o.page)
        XCTAssertTrue(page.contains("<div class=\"note\">kept</div>"))
        XCTAssertTrue(page.contains("Inline <b>bold</b>."))
    }

    func testAllowHTMLMustBeABoolean() {
        let o = build("# Bad\n\n<b>x</b>\n", config: "allow-html: sure\n")
        XCTAssertEqual(o.summary.exitCode, 1)
        XCTAssertTrue(o.errors.contains { $0.contains("Chapters/book.yml:1:13: key 'allow-html': expected true or false, got 'sure'") }, "\(o.errors)")
    }

    func testScriptInCaptionTitleAndLabelsIsEscaped() throws {
        let text = """
        # Bad <script>alert(1)</script>

        ```experiment
        id: x
        kind: line
        title: "<script>alert('title')</script>"
        conditions:
          - {name: "<img src=x onerror=alert(2)>", slope: 2}
        ```

        ```figure
        from: x
        x: x
        y: y
        series: condition
        caption: "<script>alert('caption')</script> & more"
        title: "</title><script>alert(3)</script>"
        x-label: "<i>x</i>"
        ```

        ```table
        from: x
        rows: condition
        columns: [final]
        caption: "<iframe src=evil>"
        ```

        """
        let o = build(text)
        XCTAssertEqual(o.errors, [])
        let page = try XCTUnwrap(o.page)
        for raw in ["<script>alert", "<img src=x", "<iframe", "</title><script>", "<i>x</i>"] {
            XCTAssertFalse(page.contains(raw), "'\(raw)' must be escaped")
        }
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&#39;caption&#39;)&lt;/script&gt; &amp; more"))
        XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        let home = try XCTUnwrap(o.book.file("index.html"))
        XCTAssertFalse(home.contains("<script>alert(1)"), "chapter titles are escaped on the home page")
        let csv = try XCTUnwrap(o.book.file("data/x.json"))
        XCTAssertTrue(csv.contains("alert"), "the data file keeps the text as data")
    }

    func testJavaScriptLinksAreNeutralized() throws {
        let o = build("# Bad\n\n[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c]( data:text/html,x) ![d](vbscript:x)\n")
        let page = try XCTUnwrap(o.page)
        XCTAssertFalse(page.lowercased().contains("javascript:"))
        XCTAssertFalse(page.contains("data:text"))
        XCTAssertFalse(page.contains("vbscript:"))
    }

    func testScriptInBookConfigIsEscaped() throws {
        let o = build("# B\n", config: "title: \"<script>alert(1)</script>\"\nintroduction: \"<script>alert(2)</script>\"\n")
        XCTAssertEqual(o.errors, [])
        for path in ["index.html", "01-good.html", "02-bad.html"] {
            let page = try XCTUnwrap(o.book.file(path))
            XCTAssertFalse(page.contains("<script>alert"), path)
        }
    }

    // MARK: - Output names

    func testExperimentIdWithDotDot() {
        assertBroken(Self.bad("experiment", "id: ../../evil\nkind: line"),
                     "02-bad.md:6:5: key 'id': '../../evil' must be letters, digits, '-' or '_'")
    }

    func testLabelWithDotDot() {
        assertBroken(Self.bad("figure", "label: ../../evil\nfrom: base\ny: y"),
                     "02-bad.md:6:8: key 'label': '../../evil' must be letters, digits, '-' or '_'")
    }

    func testChapterListedWithDotDot() {
        let book = TestBook()
        book.write("01-good.md", Self.good)
        book.write("book.yml", "chapters: [01-good.md, ../../evil.md]\n")
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:1:1: chapter '../../evil.md' must be a .md file name inside") }, "\(log.errors)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: book.root.appendingPathComponent("evil.html").path))
    }

    /// A chapter named like a generated page would silently replace (or be replaced by) it.
    func testChapterNamedLikeAGeneratedPage() {
        for name in ["index.md", "reproducibility.md"] {
            let o = build("# Imposter\n\nText.\n", name: name)
            XCTAssertEqual(o.summary.exitCode, 1, name)
            XCTAssertTrue(o.errors.contains { $0.hasSuffix("Chapters/book.yml:1:1: chapter '\(name)' would replace the generated page '\(name.dropLast(3)).html'; rename the file") }, "\(o.errors)")
            XCTAssertNil(o.book.file(name.dropLast(3) + ".html"), "nothing is written")
        }
    }

    /// A chapter file name with characters that would break (or inject into) links is refused by the
    /// book config before anything is written.
    func testChapterFileNameThatWouldBreakLinks() {
        let name = "03-a\"b#c.md"
        let o = build("# Quoted\n\nText.\n", name: name)
        XCTAssertEqual(o.summary.exitCode, 1)
        XCTAssertTrue(o.errors.contains { $0.hasSuffix("Chapters/book.yml:1:1: chapter '\(name)' must be a .md file name inside Chapters/ made of letters, digits, '-', '_' and '.' (no folders, no spaces)") }, "\(o.errors)")
        XCTAssertFalse(o.book.exists("index.html"), "nothing is written")
    }

    // MARK: - Fences and structure

    func testUnterminatedFenceAtEndOfFile() {
        assertBroken("# Bad\n\n```table\nfrom: base\ncolumns: [fnal]\n",
                     "02-bad.md:5:11: key 'columns': unknown metric 'fnal' for experiment 'base' (valid: final, slope, x, y; did you mean 'final'?)")
    }

    func testDirectiveInsideAListAndAQuote() {
        let o = build("# Bad\n\n- item\n\n  ```table\n  from: base\n  columns: [fnal]\n  ```\n\n> ```figure\n> from: nope\n> y: y\n> ```\n")
        check(o, "02-bad.md:7:13: key 'columns': unknown metric 'fnal' for experiment 'base' (valid: final, slope, x, y; did you mean 'final'?)", card: true)
        XCTAssertTrue(o.errors.contains { $0.hasSuffix("02-bad.md:11:9: key 'from': unknown experiment 'nope' (valid: base)") }, "\(o.errors)")
    }

    func testEmptyChapterFile() throws {
        let o = build("")
        XCTAssertEqual(o.errors, [])
        XCTAssertNotNil(o.page)
    }

    func testUnknownBookConfigKey() {
        let o = build("# B\n", config: "title: T\nchapter: [01-good.md]\n")
        XCTAssertEqual(o.summary.exitCode, 1)
        XCTAssertTrue(o.errors.contains { $0.contains("Chapters/book.yml:2:1: unknown key 'chapter' (valid: title, subtitle, introduction, front-matter, chapters, parts, allow-html, min-seeds; did you mean 'chapters'?)") }, "\(o.errors)")
    }

    func testChapterListedButMissing() {
        let o = build("# B\n", config: "chapters: [01-good.md, 02-bad.md, 03-gone.md]\n")
        XCTAssertEqual(o.summary.exitCode, 1)
        XCTAssertTrue(o.errors.contains { $0 == "Chapters/book.yml:1:1: chapter '03-gone.md' is listed but Chapters/03-gone.md cannot be read" }, "\(o.errors)")
        XCTAssertNotNil(o.page)
        XCTAssertNotNil(o.book.file("01-good.html"))
    }
}
