/// Label noise for the part-2 chapters (mixture tasks): exactly `round(fraction · n)` examples,
/// chosen by the generator and visited in index order, get a new label.
///
/// Unlike ``LabelCorruption`` (Zhang et al.'s uniform redraw, which may keep the label), the
/// default moves each chosen label to a uniformly drawn *other* class, so that every chosen
/// example really is mislabelled.
public enum LabelFlip {
    /// Moves a `fraction` of the labels to a uniformly drawn *other* class, so that every
    /// selected example is really mislabelled; returns the data and which examples were changed.
    /// With `uniform` the new label is drawn from all classes instead (random labels: a redraw may
    /// keep the label, and `changed` marks only those that differ).
    public static func apply(_ data: LabeledData, fraction: Double, uniform: Bool = false,
                              rng: inout SeededGenerator) throws -> (LabeledData, [Bool]) {
        let n = data.count
        let chosen = Set(rng.permutation(n).prefix(Int((fraction * Double(n)).rounded())))
        var labels = data.labels
        var flag = [Bool](repeating: false, count: n)
        for i in chosen.sorted() {
            labels[i] = uniform ? rng.nextInt(below: data.classes)
                                : (labels[i] + 1 + rng.nextInt(below: data.classes - 1)) % data.classes
            flag[i] = labels[i] != data.labels[i]
        }
        return (try LabeledData(inputs: data.inputs, labels: labels, classes: data.classes), flag)
    }
}
