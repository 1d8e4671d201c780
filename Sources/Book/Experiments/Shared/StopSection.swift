/// The shared `stop:` section: early-stopping targets on the training set (absent: train the whole budget).
struct StopSection: SpecRecord, Equatable {
    var trainAccuracy: Double?
    var trainLoss: Double?
    static let fields: [SpecParameter<Self>] = [
        SpecParameter("train-accuracy", \.trainAccuracy, 0...1, "stop once train accuracy reaches this"),
        SpecParameter("train-loss", \.trainLoss, 0...1e6, "stop once train loss falls to this"),
    ]
}
