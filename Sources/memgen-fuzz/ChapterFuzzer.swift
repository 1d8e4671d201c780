import Book
import TrainingCore
import Foundation

/// Fuzzes the directive parser and spec validation through `BookBuilder.check()`: each input is a
/// chapter (and, after a NUL byte, a `book.yml`) written into a scratch book, then parsed, validated,
/// indexed, planned and rendered — everything but training. A crash, a hang or runaway memory is a
/// bug; errors are the expected outcome.
///
/// Two drivers share ``ChapterFuzzer/check(_:)``:
/// - built with `-sanitize=fuzzer -DFUZZING` (`make fuzz`): libFuzzer calls `LLVMFuzzerTestOneInput`;
/// - a plain build: a seeded property-based mutator of valid chapters
///   (`memgen-fuzz [seconds] [seed] [seed files…]`).
enum ChapterFuzzer {
    /// The scratch book, created once per process.
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
        return url
    }()

    /// Checks one input; returns the number of errors reported.
    @discardableResult
    static func check(_ bytes: [UInt8]) -> Int {
        let chapters = root.appendingPathComponent("Chapters")
        let split = bytes.firstIndex(of: 0)
        let chapter = Data(bytes[..<(split ?? bytes.count)])
        try? chapter.write(to: chapters.appendingPathComponent("01-fuzz.md"))
        let config = chapters.appendingPathComponent("book.yml")
        if let split {
            try? Data(bytes[(split + 1)...]).write(to: config)
        } else {
            try? FileManager.default.removeItem(at: config)
        }
        let options = BuildOptions(chaptersDirectory: chapters, outputDirectory: root.appendingPathComponent("Output"),
                                   cacheDirectory: root.appendingPathComponent("cache"),
                                   kinds: [OfflineTrain()], capture: { _, _ in })
        return BookBuilder(options: options).check().errors.count
    }

    /// A valid chapter exercising every directive kind (the mutator's default seed).
    static let seedChapter = """
    # Seed chapter {#sec:top}

    Prose with $x^2$ and @fig:curve, @tbl:numbers, @claim:fits, @exp:mix, @eq:one.

    $$ y = a x $$ {#eq:one}

    ```experiment
    id: mix
    title: a "tiny" <mixture>
    data: {set: gaussian-mixture, train: 40, test: 20, clusters: 4, classes: 2, dimension: 4}
    model: {mlp: {hidden: [8], activation: tanh}}
    optimizer: {sgd: {lr: 0.1, momentum: 0.9}}
    schedule: {step: {every: 2, factor: 0.5}}
    batch: 10
    epochs: 2
    conditions:
      - {name: clean, corruption.labels: 0}
      - {name: noisy, corruption.labels: 0.5}
    sweep: {optimizer.sgd.lr: [0.1, 0.2]}
    seeds: [1, 2]
    quick: {epochs: 1}
    ```

    ```figure
    label: curve
    from: mix
    x: epoch
    y: [train-loss, test-loss]
    series: [condition, lr]
    where: {seed: 1}
    log-y: true
    caption: Loss <b>curves</b> & more.
    ```

    ```table
    label: numbers
    from: mix
    rows: [condition, lr]
    columns: [max(train-accuracy), test-accuracy]
    digits: 3
    paper:
      - {where: {condition: clean}, test-accuracy: 0.9}
    caption: Numbers.
    ```

    ```claim
    label: fits
    from: mix
    metric: last(train-accuracy)
    where: {condition: noisy}
    expect: {at-least: 0.5}
    paper: "Zhang et al. 2017"
    ```

    """

    /// Fragments the mutator splices in: YAML and Markdown syntax, names, and hostile values.
    static let dictionary: [String] = [
        ":", ": ", "- ", "[", "]", "{", "}", ",", "\n", "\n  ", "  ", "\t", "&a ", "*a", "? ", "|", ">", "#", "'", "\"",
        "```", "```experiment\n", "```figure\n", "```table\n", "```claim\n", "$", "$$", "@fig:", "@tbl:", "@sec:", "{#sec:x}",
        "id: ", "from: ", "kind: ", "sweep: ", "seeds: ", "conditions: ", "where: ", "expect: ", "metric: ", "label: ",
        "x: ", "y: ", "series: ", "rows: ", "columns: ", "band: ", "plot: bar", "quick: ", "data.train", "optimizer.sgd.lr",
        "-1", "0", "1e308", "-1e308", ".nan", ".inf", "99999999999999999999", "0x10", "true", "null", "~", "", "é", "\u{FF}",
        "<script>", "../", "mix", "max(", "min(", "first(", "last(", ")", "between: [1, 0]", "at-least", "increasing",
        "order", "tolerance", "factor", "by", "<div>", "\u{0}", "\r\n", String(repeating: "[", count: 64),
    ]

    /// The property-based driver: mutates seed chapters for `seconds`, deterministically from `seed`.
    static func mutate(seconds: Double, seed: UInt64, seeds: [[UInt8]]) {
        var rng = MutatorRandom(seed: seed)
        let pool = seeds.isEmpty ? [Array(seedChapter.utf8)] : seeds
        let end = Date().addingTimeInterval(seconds)
        var inputs = 0, errors = 0
        while Date() < end {
            var bytes = pool[Int(rng.next() % UInt64(pool.count))]
            for _ in 0..<(1 + Int(rng.next() % 8)) { mutateOnce(&bytes, &rng) }
            errors += check(bytes) > 0 ? 1 : 0
            inputs += 1
        }
        print("memgen-fuzz: \(inputs) inputs checked in \(Int(seconds)) s (seed \(seed)), \(errors) with errors, no crash")
    }

    static func mutateOnce(_ bytes: inout [UInt8], _ rng: inout MutatorRandom) {
        let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count + 1))
        switch rng.next() % 6 {
        case 0: // insert a dictionary fragment
            bytes.insert(contentsOf: Array(dictionary[Int(rng.next() % UInt64(dictionary.count))].utf8), at: position)
        case 1: // delete a short range
            let length = min(bytes.count - position, Int(rng.next() % 16))
            bytes.removeSubrange(position..<(position + length))
        case 2: // flip a byte
            if position < bytes.count { bytes[position] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8)) }
        case 3: // duplicate a line range
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            let i = Int(rng.next() % UInt64(lines.count)), n = min(lines.count - i, 1 + Int(rng.next() % 6))
            var out = lines
            out.insert(contentsOf: lines[i..<(i + n)], at: i)
            bytes = Array(out.joined(separator: [10]))
        case 4: // replace a number by an extreme one
            if let digit = bytes[position...].firstIndex(where: { (48...57).contains($0) }) {
                let extremes = ["0", "-7", "1000000", "1e40", "2147483648", "0.0000001"]
                bytes.replaceSubrange(digit...digit, with: Array(extremes[Int(rng.next() % UInt64(extremes.count))].utf8))
            }
        default: // swap two lines
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            let a = Int(rng.next() % UInt64(lines.count)), b = Int(rng.next() % UInt64(lines.count))
            lines.swapAt(a, b)
            bytes = Array(lines.joined(separator: [10]))
        }
    }
}

/// `kind: train` with every check and default, but a fixed data digest: the fuzzer exercises parsing
/// and validation, not the hashing of 30 MB data files (which would take seconds per new spec).
struct OfflineTrain: ExperimentKind {
    let base = TrainExperiment()
    var name: String { base.name }
    var version: String { base.version }
    var parameters: [SpecField] { base.parameters }
    func canonical(_ spec: SpecValue) -> SpecValue { base.canonical(spec) }
    func check(_ spec: SpecValue) throws(KindIssue) { try base.check(spec) }
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { base.quickOverrides(spec) }
    func metrics(_ spec: SpecValue) -> MetricCatalog { base.metrics(spec) }
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "fuzz" }
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        throw FuzzError.noTraining
    }
}

enum FuzzError: Error { case noTraining }

/// The mutator's seeded generator: the core's, on its own named stream.
struct MutatorRandom {
    private var base: SeededGenerator
    init(seed: UInt64) { base = SeededGenerator(seed: seed, stream: "fuzz mutator") }
    mutating func next() -> UInt64 { base.next() }
}

#if FUZZING
/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ChapterFuzzer.check(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, called from this executable's own `main` (SwiftPM links every executable's
/// `main` to `<module>_main`, so libFuzzer's `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("memgen_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzzOneInput)
}
#else
/// `memgen-fuzz [seconds] [seed] [seed files…]`: the property-based driver.
@main
struct FuzzMain {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        let seconds = args.first.flatMap(Double.init) ?? 60
        let seed = args.dropFirst().first.flatMap(UInt64.init) ?? 1
        let seeds = args.dropFirst(2).compactMap { FileManager.default.contents(atPath: $0).map(Array.init) }
        ChapterFuzzer.mutate(seconds: seconds, seed: seed, seeds: seeds)
        try? FileManager.default.removeItem(at: ChapterFuzzer.root)
    }
}
#endif
