extension FigureData {
    /// The curves of one figure over several experiments (`from:` then each of `also-from:`),
    /// each series named "experiment, series" so the legend tells them apart.
    static func combined(_ figure: FigureDirective, sets: [ResultSet]) throws(SpecIssue) -> FigureData {
        var merged: FigureData?
        for set in sets {
            var data = try make(figure, results: set)
            data.curves = data.curves.map { var c = $0; c.name = "\(set.experiment.id), \(c.name)"; return c }
            if var m = merged {
                guard m.categories == data.categories || data.categories.isEmpty && m.categories.isEmpty else {
                    throw SpecIssue(mark: figure.x.mark, message: "key 'x': experiments '\(sets[0].experiment.id)' and '\(set.experiment.id)' have different values of '\(figure.x.value)' (\(m.categories.joined(separator: ", ")) vs \(data.categories.joined(separator: ", ")))")
                }
                m.curves += data.curves
                m.seeds = max(m.seeds, data.seeds)
                merged = m
            } else {
                merged = data
            }
        }
        return merged!
    }
}
