import Datasets

/// The spec-level view of ``GaussianMixtureTask`` for kinds not yet on typed parameters
/// (typed kinds use ``MixtureSection``).
extension GaussianMixtureTask {
    /// The spec fields every mixture-based kind shares, under `data:`.
    static func fields(train: Int, test: Int, clusters: Int = 4, dimension: Int = 20, separation: Double = 3) -> SpecField {
        SpecField("data", .record(MixtureSection.schema(defaults: MixtureSection(
            train: train, test: test, clusters: clusters, dimension: dimension, separation: separation))))
    }

    /// The task described by the `data` record of a filled spec.
    init(spec: SpecValue) {
        self = ((try? MixtureSection(specValue: spec[path: "data"] ?? .record([:]))) ?? MixtureSection()).task
    }

    /// ``LabelFlip/apply(_:fraction:uniform:rng:)``.
    static func corruptLabels(_ data: LabeledData, fraction: Double, uniform: Bool = false,
                              rng: inout SeededGenerator) throws -> (LabeledData, [Bool]) {
        try LabelFlip.apply(data, fraction: fraction, uniform: uniform, rng: &rng)
    }
}
