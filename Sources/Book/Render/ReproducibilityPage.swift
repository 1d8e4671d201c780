import Foundation
import TrainingCore

/// The reproducibility page: toolchain, BLAS, CPU, data digests, and every claim's verdict.
struct ReproducibilityPage {
    let state: BuildState

    static var swiftVersion: String {
        #if compiler(>=6.4)
        return "Swift 6.4 or later"
        #elseif compiler(>=6.3)
        return "Swift 6.3"
        #elseif compiler(>=6.2)
        return "Swift 6.2"
        #else
        return "Swift 6.0 or 6.1"
        #endif
    }

    static var cpu: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingWhitespace } ?? "unknown"
        return "\(model) (\(ProcessInfo.processInfo.activeProcessorCount) cores available)"
    }

    /// `Cooperlake (868 runs), Prescott (2 runs)`: each core the runs recorded, with its count.
    static func coreCounts(_ cores: [String]) -> String {
        let counts = Dictionary(cores.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.keys.sorted().map { "\($0) (\(counts[$0]!) run\(counts[$0]! == 1 ? "" : "s"))" }.joined(separator: ", ")
    }

    func html(_ template: PageTemplate) -> String {
        var c = "<h1>Reproducibility</h1>\n<p>Everything on this site was produced by <code>memgen-book build</code>"
        c += state.quick ? " with the <strong>quick</strong> profile (shrunk experiments; claims not judged).</p>\n" : " with the full profile.</p>\n"
        c += "<h2 id=\"environment\">Environment</h2>\n<div class=\"table-scroll\"><table>\n<tbody>\n"
        // The runs may have been trained on another machine than the one rendering these pages
        // (cached or committed results): each result records the OpenBLAS core it was trained with.
        let keys = Set(state.plan.values.joined().map(\.key))   // a run shared by two experiments counts once
        let trained = Self.coreCounts(keys.compactMap { state.results[$0]?.provenance.blasCore })
        let rows: [(String, String)] = [
            ("Toolchain", ReproducibilityPage.swiftVersion),
            ("Training core", "version \(TrainingCore.version)"),
            ("Runs trained with OpenBLAS core", trained.isEmpty ? "no runs" : trained),
            ("OpenBLAS (this build)", BLAS.configuration),
            ("OpenBLAS core (this build)", BLAS.coreName),
            ("CPU (this build)", ReproducibilityPage.cpu),
            ("Markdown", "libcmark \(MarkdownParser.cmarkVersion)"),
            ("Math", "KaTeX (Debian libjs-katex), copied into assets/katex"),
        ]
        for (k, v) in rows { c += "<tr><th>\(k.htmlEscaped)</th><td>\(v.htmlEscaped)</td></tr>\n" }
        c += "</tbody>\n</table></div>\n"

        c += "<h2 id=\"data\">Data sets</h2>\n<p>SHA-256 of every data file the experiments read (part of each run’s cache key).</p>\n"
        let digests = state.context.fileDigests
        if digests.isEmpty {
            c += "<p>No data files were read.</p>\n"
        } else {
            c += "<div class=\"table-scroll\"><table>\n<thead><tr><th>file</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
            for path in digests.keys.sorted() {
                c += "<tr><td><code>\(path.htmlEscaped)</code></td><td class=\"digest\"><code>\(digests[path]!.htmlEscaped)</code></td></tr>\n"
            }
            c += "</tbody>\n</table></div>\n"
        }

        c += "<h2 id=\"runs\">Runs</h2>\n<div class=\"table-scroll\"><table>\n<thead><tr><th>experiment</th><th class=\"num\">runs</th><th class=\"num\">training (s)</th><th>threads per run</th></tr></thead>\n<tbody>\n"
        for id in state.index.experiments.keys.sorted() {
            let runs = state.plan[id] ?? []
            let results = runs.compactMap { state.results[$0.key] }
            let seconds = results.map(\.provenance.wallSeconds).reduce(0, +)
            let threads = Set(results.map(\.provenance.threads)).sorted().map(String.init).joined(separator: ", ")
            c += "<tr><td><a href=\"data/\(id.htmlEscaped).json\"><code>\(id.htmlEscaped)</code></a></td><td class=\"num\">\(runs.count)</td><td class=\"num\">\(String(format: "%.1f", seconds))</td><td>\(threads.htmlEscaped)</td></tr>\n"
        }
        c += "</tbody>\n</table></div>\n"

        let failed = state.index.experiments.keys.sorted().flatMap { state.failures(of: $0) }
        if !failed.isEmpty {
            c += "<h2 id=\"failures\">Failed runs</h2>\n<div class=\"error-card\" role=\"alert\"><strong>\(failed.count) run\(failed.count == 1 ? "" : "s") failed; their figures, tables and claims show an error.</strong><pre>\(failed.joined(separator: "\n").htmlEscaped)</pre></div>\n"
        }
        c += "<h2 id=\"verify\">Verifying this report</h2>\n<p>Every result on these pages is stored in <code>data/&lt;experiment&gt;.json</code> with the cache key of its run and a SHA-256 checksum. To check that the committed numbers really come from the code, clone the course and run <code>make verify</code> (or <code>memgen-book verify --sample 20</code> for a random share, <code>--chapter 01-random-labels.md</code> for one chapter): each run is retrained from scratch in a temporary cache and compared with the committed result bit for bit, apart from wall-clock timings; any difference is printed and makes the command fail. Results are bit-identical on the same kind of CPU (the OpenBLAS core the runs were trained with, above); another CPU or OpenBLAS core may differ in the last digits.</p>\n"
        c += "<h2 id=\"claims\">Claims</h2>\n"
        c += "<p>Each claim is judged on the 95% Student-t confidence interval of the mean over seeds (a comparison: of the difference, paired by seed when both sides ran on the same seeds, Welch otherwise); a claim on a stochastic experiment needs at least \(state.config.minSeeds) seeds (<code>min-seeds</code>).</p>\n"
        c += ClaimsTable.html(state.verdicts, index: state.index)
        let last = state.chapters.last.map { PageTemplate.NavItem(title: $0.numberedTitle, href: "\($0.slug).html", number: "", current: false) }
        return template.page(title: "Reproducibility", outline: [], content: c, previous: last, next: nil)
    }
}
