/// Why a figure, table or claim has nothing to show: runs of its experiment could not be planned,
/// failed, or were not trained. The card shows the message; the runs' own errors are reported
/// where they happened.
struct MissingResults: Error, Sendable {
    var message: String
}

extension BuildState {
    /// Every result of experiment `id`, or why some are missing.
    func completeResults(_ id: String) throws(MissingResults) -> ResultSet {
        if let failure = planFailures[id] { throw MissingResults(message: "no results: \(failure)") }
        guard let set = resultSet(id), let runs = plan[id] else { throw MissingResults(message: "no results for experiment '\(id)'") }
        let missing = runs.count - set.runs.count
        if missing > 0 {
            let failed = failures(of: id)
            var message = "\(missing) of \(runs.count) runs of experiment '\(id)' failed or were not trained"
            if !failed.isEmpty { message += ":\n" + failed.joined(separator: "\n") }
            throw MissingResults(message: message)
        }
        return set
    }
}
