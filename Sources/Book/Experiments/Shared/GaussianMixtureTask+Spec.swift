import Datasets

/// The spec-level view of ``GaussianMixtureTask`` for kinds not yet on typed parameters
/// (typed kinds use ``MixtureDataSection``).
extension GaussianMixtureTask {
    /// The spec fields every mixture-based kind shares, under `data:`.
    static func fields(train: Int, test: Int, clusters: Int = 4, dimension: Int = 20, separation: Double = 3) -> SpecField {
        SpecField("data", .record(MixtureDataSection.schema(defaults: MixtureDataSection(
            clusters: clusters, dimension: dimension, separation: separation, train: train, test: test))))
    }

    /// The task described by the `data` record of a filled spec.
    init(spec: SpecValue) {
        self = ((try? MixtureDataSection(specValue: spec[path: "data"] ?? .record([:]))) ?? MixtureDataSection()).task
    }

    /// ``LabelFlip/apply(_:fraction:uniform:rng:)``.
    static func corruptLabels(_ data: LabeledData, fraction: Double, uniform: Bool = false,
                              rng: inout SeededGenerator) throws -> (LabeledData, [Bool]) {
        try LabelFlip.apply(data, fraction: fraction, uniform: uniform, rng: &rng)
    }
}
