/// Training examples sorted by an informativeness score, and how many of the top-ranked ones are
/// mislabelled: the precision curve, the share among the top, in the whole set, and their ratio.
struct InformativenessRanking: Equatable {
    /// Example indices, highest score first (ties keep the lower index first).
    var order: [Int]
    /// `precision[r]`: the share of mislabelled examples among the `r + 1` highest-ranked.
    var precision: [Double]
    /// The share of mislabelled examples among the top `max(1, ⌊topShare · n⌋)`.
    var shareTop: Double
    /// The share of mislabelled examples in the whole set.
    var shareAll: Double
    /// `shareTop / shareAll` (NaN when nothing is mislabelled): 1 for a score blind to the labels.
    var enrichment: Double

    init(scores: [Double], mislabelled: [Bool], topShare: Double) {
        precondition(scores.count == mislabelled.count && !scores.isEmpty, "InformativenessRanking: one flag per score")
        let n = scores.count
        order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var hits = 0.0
        precision = order.enumerated().map { r, i in
            hits += mislabelled[i] ? 1 : 0
            return hits / Double(r + 1)
        }
        let top = max(1, Int(topShare * Double(n)))
        shareTop = precision[top - 1]
        shareAll = Double(mislabelled.filter { $0 }.count) / Double(n)
        enrichment = shareAll > 0 ? shareTop / shareAll : .nan
    }
}
