import Foundation
import Datasets

/// The spec-level view of ``ImageDataSection`` for kinds not yet on typed parameters (typed kinds
/// use ``ImageDataSection`` and ``NoiseSection``). Remove once every kind is typed.
enum ImageSubset {
    private static func section(_ spec: SpecValue) -> ImageDataSection {
        (try? ImageDataSection(specValue: spec[path: "data"] ?? .record([:]))) ?? ImageDataSection()
    }

    /// The set and the folder read.
    static func location(_ spec: SpecValue) -> (ImageClassificationSet, String) {
        let set: ImageClassificationSet = ["mnist": .mnist, "kmnist": .kmnist][section(spec).set.rawValue] ?? .fashionMNIST
        return (set, section(spec).source.folder)
    }

    /// The digest of the files read (by content, not folder).
    static func digest(_ spec: SpecValue, context: RunContext) throws -> String {
        try context.digest(of: [section(spec).source])
    }

    /// The first `data.test` test images (uncorrupted), or nil when `data.test` is 0.
    static func loadTest(_ spec: SpecValue, context: RunContext) throws -> LabeledData? {
        try section(spec).source.loadCached().test
    }
}
