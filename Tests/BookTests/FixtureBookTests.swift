import XCTest
import Charts
@testable import Book

/// A small book exercising every directive kind: a real training experiment on 200 Fashion-MNIST
/// images and a closed-form experiment whose numbers can be checked by hand.
final class FixtureBookTests: XCTestCase {
    static let chapter = """
    # Fixture chapter

    The line $y = a x + b$ of @eq:line is drawn in @fig:lines; @tbl:numbers and @claim:rises
    summarize @exp:lines, and @fig:curve shows training (see @sec:setup).

    $$ y = a x + b $$ {#eq:line}

    ## Setup {#sec:setup}

    ```experiment
    id: tiny
    data: {train: 200, test: 100}
    model: {mlp: [16]}
    epochs: 3
    batch: 50
    conditions:
      - {name: true labels, corruption.labels: 0}
      - {name: random labels, corruption.labels: 1}
    ```

    ```figure
    label: curve
    from: tiny
    y: train-loss
    caption: Loss of a <b>tiny</b> MLP.
    ```

    ```figure
    label: bars
    plot: bar
    from: tiny
    x: condition
    y: [train-accuracy, test-accuracy]
    caption: Final accuracies by condition (losses in @fig:curve).
    ```

    ```table
    label: numbers
    from: tiny
    columns: [{metric: train-accuracy, label: train}, test-accuracy]
    paper:
      - {where: {condition: true labels}, test-accuracy: 80}
    caption: Accuracies.
    ```

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2, 3]}
    seeds: [1, 2]
    ```

    ```figure
    label: lines
    from: lines
    x: slope
    y: final
    lines: [{y: 10, label: ten}, {x: 2, label: slope 2}]
    caption: Final value against the slope.
    ```

    ```figure
    label: spread
    plot: histogram
    from: lines
    y: y
    series: []
    bins: 5
    range: [0, 16]
    caption: Every recorded value of y.
    ```

    ```claim
    label: rises
    from: lines
    min-seeds: 2
    metric: final
    expect: {increasing: slope}
    statement: The final value rises with the slope.
    paper: "Closed form: y(5) = 5a."
    ```

    ```claim
    label: ordered
    from: lines
    min-seeds: 2
    metric: final
    expect: {order: [1, 3], by: slope}
    ```

    ```claim
    label: above
    from: lines
    min-seeds: 2
    metric: final
    where: {slope: 3}
    expect: {above: {slope: 1}, factor: 2.5}
    ```

    ```claim
    label: wrong
    from: lines
    min-seeds: 2
    metric: final
    where: {slope: 1}
    expect: {between: [6, 7]}
    ```

    """

    func testEveryDirectiveKindBuilds() throws {
        let book = TestBook()
        book.write("01-fixture.md", FixtureBookTests.chapter)
        book.write("02-second.md", "# Second\n\nSee @fig:bars in the first chapter.\n")
        book.write("book.yml", "title: Fixture <book>\nintroduction: Read *this*.\nchapters: [01-fixture.md, 02-second.md]\n")
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        XCTAssertEqual(summary.exitCode, 0)
        XCTAssertEqual(summary.plannedRuns, 8)
        XCTAssertEqual(summary.trainedRuns, 8)
        XCTAssertEqual(summary.claimsReplicated, 3)
        XCTAssertEqual(summary.claimsNotReplicated, 1)
        XCTAssertTrue(log.lines.contains("[5/8] train"), "stages are logged as [i/n] name")

        for path in ["index.html", "01-fixture.html", "reproducibility.html", "figures/01-fixture-fig-curve.png",
                     "figures/01-fixture-fig-lines.png", "figures/01-fixture-fig-bars.png", "figures/01-fixture-fig-spread.png", "02-second.html", "data/01-fixture-fig-curve.csv", "data/01-fixture-tbl-numbers.csv",
                     "data/tiny.json", "data/lines.json", "assets/book.css", "assets/math.js", "assets/katex/katex.min.js",
                     "assets/katex/katex.min.css", "assets/katex/fonts/KaTeX_Main-Regular.woff2"] {
            XCTAssertTrue(book.exists(path), "missing \(path)")
        }
        let png = try PNGImage.decode(Array(try Data(contentsOf: book.output.appendingPathComponent("figures/01-fixture-fig-curve.png"))))
        XCTAssertEqual(png.width, 1280)
        XCTAssertEqual(png.height, 800)

        // Closed form: final = 5·slope + seed/1000, averaged over seeds 1 and 2.
        let csv = try XCTUnwrap(book.file("data/01-fixture-fig-lines.csv"))
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        XCTAssertEqual(rows.count, 3)
        for (row, slope) in zip(rows, [1.0, 2.0, 3.0]) {
            XCTAssertEqual(Double(row[1])!, slope, accuracy: 1e-12)
            XCTAssertEqual(Double(row[2])!, 5 * slope + 0.0015, accuracy: 1e-12)
            XCTAssertEqual(Double(row[3])!, (0.0005 * 0.0005 * 2).squareRoot(), accuracy: 1e-12)
        }

        let page = try XCTUnwrap(book.file("01-fixture.html"))
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#fig-lines\">Figure 1.3</a>"))
        XCTAssertTrue(page.contains("Final accuracies by condition (losses in <a class=\"xref\" href=\"#fig-curve\">Figure 1.1</a>)."), "captions link references")
        let second = try XCTUnwrap(book.file("02-second.html"))
        XCTAssertTrue(second.contains("<a class=\"xref\" href=\"01-fixture.html#fig-bars\">Figure 1.2</a>"), "references work across chapters")
        XCTAssertTrue(second.contains("href=\"01-fixture.html\">← 1. Fixture chapter</a>"), "previous link")
        let pooled = try XCTUnwrap(book.file("data/01-fixture-fig-spread.csv"))
        XCTAssertEqual(pooled.split(separator: "\n").count, 1 + 3 * 2 * 5, "histogram pools 5 points of 3 slopes × 2 seeds")
        let bars = try XCTUnwrap(book.file("data/01-fixture-fig-bars.csv"))
        XCTAssertTrue(bars.contains("train-accuracy,true labels,"), bars)
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#eq-line\">(1.1)</a>"))
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#tbl-numbers\">Table 1.1</a>"))
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#claim-rises\">Claim 1.1</a>"))
        XCTAssertTrue(page.contains("<a class=\"xref\" href=\"#sec-setup\">“Setup”</a>"))
        XCTAssertTrue(page.contains("<span class=\"math inline\">y = a x + b</span>"))
        XCTAssertTrue(page.contains("<div class=\"equation\" id=\"eq-line\"><div class=\"math display\">y = a x + b</div><span class=\"equation-number\">(1.1)</span></div>"))
        XCTAssertTrue(page.contains("Loss of a &lt;b&gt;tiny&lt;/b&gt; MLP."), "captions are escaped")
        XCTAssertTrue(page.contains("<div class=\"claim replicated\" id=\"claim-rises\">"))
        XCTAssertTrue(page.contains("<div class=\"claim not-replicated\" id=\"claim-wrong\">"))
        XCTAssertTrue(page.contains("href=\"data/01-fixture-tbl-numbers.csv\""))
        XCTAssertFalse(page.contains("Quick profile"))
        let home = try XCTUnwrap(book.file("index.html"))
        XCTAssertTrue(home.contains("Fixture &lt;book&gt;"))
        XCTAssertTrue(home.contains("<em>this</em>"))
        // The summary is the first sentence, its formula typeset and its references linked.
        XCTAssertTrue(home.contains("The line <span class=\"math inline\">y = a x + b</span> of <a class=\"xref\" href=\"01-fixture.html#eq-line\">(1.1)</a>"),
                      "summary: first sentence of the first paragraph")
        XCTAssertFalse(home.contains("@fig:lines"), "references in a summary become links")
        let repro = try XCTUnwrap(book.file("reproducibility.html"))
        XCTAssertTrue(repro.contains("train-images-idx3-ubyte"))
        XCTAssertTrue(repro.contains("not replicated"))

        // The table: our test accuracy beside the paper's 80% and the difference.
        let table = try XCTUnwrap(book.file("data/01-fixture-tbl-numbers.csv"))
        XCTAssertTrue(table.hasPrefix("condition,train,test-accuracy (ours),paper,Δ\n"), table)

        // Strict mode fails on the claim that is not replicated.
        let (strictSummary, _) = book.build(strict: true)
        XCTAssertEqual(strictSummary.exitCode, 2)
    }

    func testQuickProfileIsMarkedAndNotJudged() throws {
        let book = TestBook()
        book.write("01-fixture.md", FixtureBookTests.chapter)
        let (summary, log) = book.build(profile: .quick)
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        XCTAssertEqual(summary.plannedRuns, 5, "quick keeps the first seed only")
        XCTAssertEqual(summary.claimsNotJudged, 4)
        for page in ["index.html", "01-fixture.html", "reproducibility.html"] {
            XCTAssertTrue(try XCTUnwrap(book.file(page)).contains("Quick profile"), page)
        }
        let json = try XCTUnwrap(book.file("data/tiny.json"))
        XCTAssertTrue(json.contains("\\\"epochs\\\":3"), "quick keeps epochs = min(3, epochs)")
    }

    func testRebuildIsByteIdenticalAndTrainsNothing() throws {
        let book = TestBook()
        book.write("01-fixture.md", FixtureBookTests.chapter)
        book.build()
        let before = try XCTUnwrap(book.file("01-fixture.html"))
        let (summary, _) = book.build()
        XCTAssertEqual(summary.trainedRuns, 0)
        XCTAssertEqual(summary.cachedRuns, 8)
        XCTAssertEqual(summary.filesWritten, [], "nothing changed, nothing rewritten")
        XCTAssertEqual(book.file("01-fixture.html"), before)
    }
}
