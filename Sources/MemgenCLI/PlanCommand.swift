import ArgumentParser
import Book
import Foundation

/// `memgen-book plan`: every run with its key, cache state and estimated cost.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Every run with its key, state (cached or missing) and estimated training time.",
        discussion: """
        A cached run shows the seconds it took; a missing one an estimate: the seconds per unit of work (examples × epochs × multiply-adds of the network) of the experiment's cached runs, else of the kind's, else a per-kind factor measured on a 2-core machine. Times are for one core.
        """)

    @OptionGroup var paths: BookPaths

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() throws {
        var plan: RunPlan?
        var options = paths.options()
        if json {   // stdout is the JSON alone; the stages' lines go to stderr
            options.capture = { line, _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        let summary = BookBuilder(options: options).plan { plan = $0 }
        if let plan { print(json ? plan.json : plan.lines.joined(separator: "\n")) }
        try finish(summary)
    }
}
