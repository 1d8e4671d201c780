import TrainingCore

/// The images of two classes of a labelled set, in their order, with the labels 0 (the first
/// class) and 1 — the pool the bound kinds (`fcmi-bound`, `bound-limit`) draw their samples from.
struct TwoClassPool {
    let images: LabeledData
    let labels: [Int]

    init(_ data: LabeledData, classes: [Int]) {
        precondition(classes.count == 2 && classes[0] != classes[1], "TwoClassPool needs two different classes")
        images = data.subset(data.labels.indices.filter { classes.contains(data.labels[$0]) })
        labels = images.labels.map { $0 == classes[0] ? 0 : 1 }
    }

    /// The check both kinds make on `classes:`.
    static func check(_ classes: [Int]) throws(KindIssue) {
        if classes[0] == classes[1] {
            throw KindIssue(path: "classes", message: "the two classes must differ, got \(classes)")
        }
    }
}
