import Foundation
import XCTest
@testable import Book

/// `extends: id` and dotted keys at the top level of an experiment.
final class ExtendsTests: XCTestCase {
    private let base = """
    ```experiment
    id: base
    title: the base
    data: {set: gaussian-mixture, train: 48, test: 48, clusters: 4, classes: 2, dimension: 6}
    model: {mlp: [8]}
    optimizer: {sgd: {lr: 0.05}}
    epochs: 3
    seeds: [1, 2]
    ```
    """

    /// Parses and indexes the book (no training); returns the state.
    private func index(_ book: TestBook) throws -> BuildState {
        let state = BuildState(options: book.options(log: MessageLog()))
        try BookStages.readConfig(state)
        try BookStages.parseChapters(state)
        try BookStages.index(state)
        try BookStages.plan(state)
        return state
    }

    private func spec(_ state: BuildState, _ id: String) -> SpecValue? { state.index.experiments[id]?.base }

    func testAnExtendingExperimentInheritsEverythingButWhatItChanges() throws {
        let book = TestBook()
        book.write("01-a.md", "# A\n\n" + base + "\n")
        book.write("02-b.md", """
        # B

        ```experiment
        id: same
        extends: base
        ```

        ```experiment
        id: changed
        extends: base
        data: {train: 24}
        corruption.labels: 1
        optimizer.sgd.momentum: 0.5
        seeds: [3]
        ```

        """)
        let state = try index(book)
        XCTAssertEqual(state.diagnostics.map(\.description), [])
        XCTAssertEqual(spec(state, "same"), spec(state, "base"), "nothing changed: the same spec")
        XCTAssertEqual(Set(state.plan["same"]!.map(\.key)), Set(state.plan["base"]!.map(\.key)), "and so the same runs")
        XCTAssertEqual(state.index.experiments["same"]!.title, "", "the title is not inherited")
        let changed = try XCTUnwrap(spec(state, "changed"))
        XCTAssertEqual(changed[path: "data.train"], .integer(24))
        XCTAssertEqual(changed[path: "data.test"], .integer(48), "the rest of data: is inherited")
        XCTAssertEqual(changed[path: "data.clusters"], .integer(4))
        XCTAssertEqual(changed[path: "corruption.labels"], .number(1))
        XCTAssertEqual(changed[path: "optimizer.sgd.momentum"], .number(0.5))
        XCTAssertEqual(changed[path: "optimizer.sgd.lr"], .number(0.05), "a variant's own fields are inherited when the case is the same")
        XCTAssertEqual(state.index.experiments["changed"]!.seeds, [3])
    }

    func testDottedKeysMeanTheNestedOnes() throws {
        let book = TestBook()
        let nested = base.replacingOccurrences(of: "epochs: 3", with: "epochs: 3\ncorruption: {labels: 0.5}")
        let dotted = base.replacingOccurrences(of: "id: base", with: "id: dotted")
            .replacingOccurrences(of: "epochs: 3", with: "epochs: 3\ncorruption.labels: 0.5")
        book.write("01-a.md", "# A\n\n" + nested + "\n\n" + dotted + "\n")
        let state = try index(book)
        XCTAssertEqual(state.diagnostics.map(\.description), [])
        XCTAssertEqual(spec(state, "dotted"), spec(state, "base"))
    }

    func testMistakesAreErrorsAtTheirLine() throws {
        let book = TestBook()
        book.write("01-a.md", "# A\n\n" + base + """


        ```experiment
        id: typo
        extends: bsae
        ```

        ```experiment
        id: loop-a
        extends: loop-b
        ```

        ```experiment
        id: loop-b
        extends: loop-a
        ```

        ```experiment
        id: dotted-typo
        extends: base
        corruption.lables: 1
        ```

        ```experiment
        id: twice
        extends: base
        corruption: {labels: 0}
        corruption.labels: 1
        ```

        """)
        let state = try index(book)
        let errors = state.diagnostics.map(\.description)
        func assertError(_ fragment: String, line: Int, file: StaticString = #filePath, l: UInt = #line) {
            XCTAssertTrue(errors.contains { $0.contains("Chapters/01-a.md:\(line):") && $0.contains(fragment) }, "\(fragment) at line \(line) not in \(errors)", file: file, line: l)
        }
        assertError("key 'extends': no experiment with id 'bsae' in the book (did you mean 'base'?)", line: 15)
        assertError("experiments extend each other in a cycle (loop-a → loop-b → loop-a)", line: 20)
        assertError("unknown key 'lables' in 'corruption'", line: 31)
        assertError("did you mean 'labels'", line: 31)
        assertError("key 'corruption.labels' sets a value already set under 'corruption'; write it once", line: 38)
    }
}
