import Datasets

/// The shared `corruption:` section of kinds that only corrupt labels (Zhang et al.'s random labels).
struct LabelNoiseSection: SpecRecord, Equatable {
    var labels = 0.0

    static let fields: [SpecParameter<Self>] = [
        SpecParameter("labels", \.labels, 0...1, "fraction of training labels redrawn uniformly (1 = random labels)"),
    ]

    var corruption: DataCorruption { DataCorruption(labels: labels) }
}
