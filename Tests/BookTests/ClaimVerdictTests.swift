import XCTest
@testable import Book

/// Claims judged on intervals over seeds: a `line` run gives `final = 5·slope + seed/1000`, so
/// three seeds have mean 5·slope + 0.002, s = 0.001 and a 95% half-width of 4.3027 · 0.001/√3 = 0.00248.
final class ClaimVerdictTests: XCTestCase {
    static func chapter(seeds: String, claims: String, kind: String = "line") -> String {
        """
        # Verdicts

        ```experiment
        id: lines
        kind: \(kind)
        sweep: {slope: [1, 2]}
        seeds: \(seeds)
        ```

        \(claims)
        """
    }

    static func claim(_ label: String, _ body: String) -> String {
        "```claim\nlabel: \(label)\nfrom: lines\nmetric: final\n\(body)\n```\n"
    }

    func build(_ text: String, kinds: [any ExperimentKind] = [], strict: Bool = false) -> (BuildSummary, String) {
        let book = TestBook()
        book.kinds += kinds
        book.write("01-verdicts.md", text)
        let (summary, log) = book.build(strict: strict)
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        return (summary, book.file("01-verdicts.html") ?? "")
    }

    func testIntervalInsideAcrossAndBeyondTheThreshold() {
        let claims = [
            ClaimVerdictTests.claim("inside", "where: {slope: 1}\nexpect: {at-least: 4.99}"),
            ClaimVerdictTests.claim("across", "where: {slope: 1}\nexpect: {at-least: 5.0}"),    // [4.99952, 5.00448]
            ClaimVerdictTests.claim("beyond", "where: {slope: 1}\nexpect: {at-least: 5.01}"),
        ].joined(separator: "\n")
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2, 3]", claims: claims))
        XCTAssertEqual(summary.claimsReplicated, 1)
        XCTAssertEqual(summary.claimsInconclusive, 1)
        XCTAssertEqual(summary.claimsNotReplicated, 1)
        XCTAssertTrue(page.contains("<div class=\"claim replicated\" id=\"claim-inside\">"))
        XCTAssertTrue(page.contains("<div class=\"claim inconclusive\" id=\"claim-across\">"))
        XCTAssertTrue(page.contains("<div class=\"claim not-replicated\" id=\"claim-beyond\">"))
        XCTAssertTrue(page.contains("95% interval [4.99952, 5.00448] over 3 seeds (Student t)"), page)
        XCTAssertTrue(page.contains("straddles the threshold 5"), page)
    }

    /// A claim over both slopes pools six runs of two configurations (5.001 … 10.003): the card says
    /// so instead of calling them six seeds.
    func testPooledConfigurationsAreNamedAsSuch() {
        let (_, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2, 3]", claims: ClaimVerdictTests.claim("pooled", "expect: {at-least: 1}")))
        XCTAssertTrue(page.contains("over 6 runs pooled from 2 configurations (Student t)"), page)
    }

    func testTooFewSeedsIsInconclusiveUnlessTheClaimAsksForFewer() {
        let claims = [
            ClaimVerdictTests.claim("book-default", "where: {slope: 1}\nexpect: {at-least: 4.99}"),
            ClaimVerdictTests.claim("two-enough", "where: {slope: 1}\nmin-seeds: 2\nexpect: {at-least: 4.99}"),
        ].joined(separator: "\n")
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2]", claims: claims))
        XCTAssertEqual(summary.claimsInconclusive, 1)
        XCTAssertEqual(summary.claimsReplicated, 1)
        XCTAssertTrue(page.contains("the selection has 2 seeds; a claim on a stochastic experiment needs at least 3 (min-seeds)"), page)
    }

    func testOneSeedIsEnoughForADeterministicKind() {
        let claim = ClaimVerdictTests.claim("exact", "where: {slope: 1}\nexpect: {at-least: 4.99}")
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1]", claims: claim, kind: "exact-line"), kinds: [ExactLine()])
        XCTAssertEqual(summary.claimsReplicated, 1)
        XCTAssertTrue(page.contains("deterministic construction"), page)
        // The same one run of a stochastic kind is not enough.
        let (stochastic, _) = build(ClaimVerdictTests.chapter(seeds: "[1]", claims: claim))
        XCTAssertEqual(stochastic.claimsInconclusive, 1)
    }

    func testComparisonsAndTrendsArePairedBySeed() {
        let claims = [
            // 10 + s/1000 against 2.01 × (5 + s/1000): the per-seed difference is −0.05 − 1.01·s/1000, below 0 for every seed.
            ClaimVerdictTests.claim("double", "where: {slope: 2}\nexpect: {above: {slope: 1}, factor: 2.01}"),
            ClaimVerdictTests.claim("rises", "expect: {increasing: slope}"),
        ].joined(separator: "\n")
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2, 3]", claims: claims))
        XCTAssertEqual(summary.claimsNotReplicated, 1, "slope 2 gives 10 + s/1000, less than 2.01 × (5 + s/1000)")
        XCTAssertEqual(summary.claimsReplicated, 1)
        XCTAssertTrue(page.contains("paired by seed"), page)
        XCTAssertTrue(page.contains("expected &gt; 0 for the whole interval") || page.contains("expected > 0 for the whole interval"), page)
        XCTAssertFalse(page.contains("-0 for the whole interval"), "a zero tolerance negated prints as 0, not -0")
    }

    /// Runs 5.001, 5.002, 5.003: the mean's interval [4.99952, 5.00448] straddles 5.0005, but every
    /// run lies above it; 5.0015 is above the interval's lower end too, yet one run misses it.
    func testEveryRunJudgesEachRunNotTheMean() {
        let claims = [
            ClaimVerdictTests.claim("mean", "where: {slope: 1}\nexpect: {at-least: 5.0005}"),
            ClaimVerdictTests.claim("all-pass", "where: {slope: 1}\nexpect: {at-least: 5.0005, every-run: true}"),
            ClaimVerdictTests.claim("one-misses", "where: {slope: 1}\nexpect: {at-least: 5.0015, every-run: true}"),
            ClaimVerdictTests.claim("band", "where: {slope: 1}\nexpect: {between: [5.0, 5.0025], every-run: true}"),
        ].joined(separator: "\n")
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2, 3]", claims: claims))
        XCTAssertTrue(page.contains("<div class=\"claim inconclusive\" id=\"claim-mean\">"))
        XCTAssertTrue(page.contains("<div class=\"claim replicated\" id=\"claim-all-pass\">"))
        XCTAssertTrue(page.contains("<div class=\"claim not-replicated\" id=\"claim-one-misses\">"))
        XCTAssertTrue(page.contains("<div class=\"claim not-replicated\" id=\"claim-band\">"), "5.003 lies above 5.0025")
        XCTAssertTrue(page.contains("runs range from 5.001 to 5.003 over 3 runs; expected every run ≥ 5.0005; 3 of 3 meet it (95% interval for the share of runs that would: [0.29, 1])"), page)
        XCTAssertTrue(page.contains("2 of 3 meet it"), page)
        XCTAssertEqual(summary.claimsReplicated, 1)
    }

    func testEveryRunNeedsMinSeedsAndABound() {
        let (summary, page) = build(ClaimVerdictTests.chapter(seeds: "[1, 2]", claims: ClaimVerdictTests.claim("few", "where: {slope: 1}\nexpect: {at-least: 4, every-run: true}")))
        XCTAssertEqual(summary.claimsInconclusive, 1, "two runs passing are too few to judge")
        XCTAssertTrue(page.contains("needs at least 3 (min-seeds)"), page)
        let book = TestBook()
        book.write("01-verdicts.md", ClaimVerdictTests.chapter(seeds: "[1, 2, 3]",
                                                              claims: ClaimVerdictTests.claim("trend", "expect: {increasing: slope, every-run: true}")))
        let (checked, _) = book.check()
        XCTAssertTrue(checked.errors.contains { $0.contains("01-verdicts.md:") && $0.contains("'expect.every-run': only a bound") }, "\(checked.errors)")
    }

    func testStrictFailsOnAnInconclusiveClaim() {
        let claim = ClaimVerdictTests.claim("across", "where: {slope: 1}\nexpect: {at-least: 5.0}")
        let (summary, _) = build(ClaimVerdictTests.chapter(seeds: "[1, 2, 3]", claims: claim), strict: true)
        XCTAssertEqual(summary.claimsInconclusive, 1)
        XCTAssertEqual(summary.exitCode, 2)
    }

    func testMinSeedsIsValidated() {
        let book = TestBook()
        book.write("01-verdicts.md", ClaimVerdictTests.chapter(seeds: "[1, 2, 3]",
                                                              claims: ClaimVerdictTests.claim("bad", "min-seeds: 1\nexpect: {at-least: 0}")))
        let (summary, _) = book.check()
        XCTAssertTrue(summary.errors.contains { $0.contains("01-verdicts.md:") && $0.contains("min-seeds") && $0.contains("2...1000") }, "\(summary.errors)")
    }
}

/// `line` marked deterministic (a closed-form construction): one run is judged.
struct ExactLine: ExperimentKind {
    let line = LineExperiment()
    var name: String { "exact-line" }
    var version: String { "exact-line-1" }
    var isDeterministic: Bool { true }
    var parameters: [SpecField] { line.parameters }
    func check(_ spec: SpecValue) throws(KindIssue) { try line.check(spec) }
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { line.quickOverrides(spec) }
    func metrics(_ spec: SpecValue) -> MetricCatalog { line.metrics(spec) }
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "none" }
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements { try line.run(spec, seed: seed, context: context) }
}
