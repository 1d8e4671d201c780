import Datasets

/// The shared `corruption:` section of Arpit et al.'s memorization kinds: Gaussian inputs with
/// the data's mean and variance (their randX) and a fraction of labels redrawn (randY), applied
/// to the training set only.
struct NoiseSection: SpecRecord, Equatable {
    enum Inputs: String, SpecChoice { case real, gaussian }
    var inputs = Inputs.real
    var labels = 0.0

    static let fields: [SpecParameter<Self>] = [
        SpecParameter("inputs", \.inputs, "gaussian: inputs replaced by noise with the data's mean and variance (randX)"),
        SpecParameter("labels", \.labels, 0...1, "fraction of labels redrawn uniformly (1 = randY)"),
    ]

    var corruption: DataCorruption {
        DataCorruption(labels: labels, inputs: inputs == .gaussian ? .gaussian : nil, corruptsTestInputs: false)
    }
}
