import Foundation

/// The runs of one experiment with their results (runs without a result are left out).
struct ResultSet: Sendable {
    var experiment: ExperimentDirective
    var runs: [(run: PlannedRun, result: RunResult)]

    /// The runs matching every term of `selection`.
    func selecting(_ selection: Selection) -> ResultSet {
        var copy = self
        copy.runs = runs.filter { entry in
            selection.terms.allSatisfy { term in
                guard let name = try? BookIndex.parameter(Marked(value: term.parameter, mark: term.mark), in: experiment, key: ""),
                      let value = entry.run.parameter(name) else { return false }
                return ParameterMatch.matches(term.value, value)
            }
        }
        return copy
    }

    /// Non-seed parameters that take more than one value among these runs.
    var varyingParameters: [String] {
        experiment.parameterNames.filter { name in
            name != "seed" && Set(runs.compactMap { $0.run.parameter(name) }).count > 1
        }
    }

    /// Groups of runs that share the values of `parameters`, in plan order.
    func grouped(by parameters: [String]) -> [(values: [(name: String, value: SpecValue)], runs: [(run: PlannedRun, result: RunResult)])] {
        var order: [[SpecValue]] = []
        var groups: [[SpecValue]: [(run: PlannedRun, result: RunResult)]] = [:]
        for entry in runs {
            let key = parameters.map { entry.run.parameter($0) ?? .text("") }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.map { key in (zip(parameters, key).map { ($0, $1) }, groups[key]!) }
    }

    /// Checks that grouping by `parameters` leaves only seeds to average over.
    func checkGrouping(_ parameters: [String]) throws(SpecIssue) {
        let loose = varyingParameters.filter { !parameters.contains($0) }
        if let first = loose.first {
            throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "parameter '\(first)' varies among the selected runs; group by it or fix it with 'where'")
        }
    }

    /// A readable name for a group: `random labels`, `labels=0.5`, `random labels, width=512`.
    static func groupName(_ values: [(name: String, value: SpecValue)]) -> String {
        values.map { $0.name == "condition" ? $0.value.description : "\($0.name.split(separator: ".").last!)=\($0.value)" }
            .joined(separator: ", ")
    }
}
