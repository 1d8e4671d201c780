/// The parameters of `kind: train`, with their types, ranges and defaults (documented in README.md).
extension TrainExperiment {
    static let sgdFields = [
        SpecField("lr", .number(1e-9...100), default: .number(0.01)),
        SpecField("momentum", .number(0...0.9999), default: .number(0.9)),
        SpecField("nesterov", .boolean, default: .boolean(false)),
        SpecField("weight-decay", .number(0...10), default: .number(0)),
    ]

    /// The parameters of `kind: train` (see README.md for the table of defaults).
    public var parameters: [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist", "cifar10", "gaussian-mixture"]),
                          default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(1...60000), default: .integer(2000), "training examples (the first n of the training split)"),
                SpecField("test", .integer(0...10000), default: .integer(2000), "test examples (the first n of the test split; 0 = none)"),
                SpecField("directory", .text, default: .text(""), "folder of the data files (empty: the Debian package's folder)"),
                SpecField("whiten", .boolean, default: .boolean(false), "per-image standardisation"),
                SpecField("crop", .integer(0...1024), default: .integer(0), "centre crop to crop × crop pixels (0: none)"),
                SpecField("clusters", .integer(1...1000), default: .integer(10), "gaussian-mixture: number of clusters"),
                SpecField("dimension", .integer(1...100000), default: .integer(20), "gaussian-mixture: input dimension"),
                SpecField("classes", .integer(1...1000), default: .integer(10), "gaussian-mixture: classes (cluster i has label i mod classes)"),
                SpecField("separation", .number(0...1000), default: .number(1), "gaussian-mixture: std of the cluster centres"),
                SpecField("noise", .number(0...1000), default: .number(0.1), "gaussian-mixture: std of points around their centre"),
                SpecField("seed", .integer(0...Int(Int32.max)), default: .integer(0), "gaussian-mixture: seed of the data (fixed across training seeds)"),
            ])),
            SpecField("corruption", .record([
                SpecField("labels", .number(0...1), default: .number(0), "fraction of training labels redrawn uniformly (1 = random labels)"),
                SpecField("inputs", .choice(["none", "shuffled-pixels", "random-pixels", "gaussian"]), default: .text("none"),
                          "training and test inputs replaced as in Zhang et al."),
            ])),
            SpecField("augment", .record([
                SpecField("crop-padding", .integer(0...64), default: .integer(0), "random crops after this much zero padding"),
                SpecField("flip", .boolean, default: .boolean(false), "random horizontal flips"),
            ])),
            SpecField("model", .variant([
                SpecVariant("mlp", fields: [
                    SpecField("hidden", .list(.integer(1...65536), count: 0...16), default: .list([.integer(512)]), "hidden layer widths"),
                    SpecField("activation", .choice(["relu", "tanh", "sigmoid"]), default: .text("relu")),
                    SpecField("batch-norm", .boolean, default: .boolean(false)),
                    SpecField("dropout", .number(0...0.99), default: .number(0)),
                ], shorthand: "hidden"),
                SpecVariant("cnn", fields: [
                    SpecField("channels", .list(.integer(1...4096), count: 1...8), default: .list([.integer(32), .integer(64)])),
                    SpecField("kernel", .integer(1...11), default: .integer(3)),
                    SpecField("dense", .list(.integer(1...65536), count: 0...8), default: .list([.integer(128)])),
                    SpecField("batch-norm", .boolean, default: .boolean(false)),
                    SpecField("dropout", .number(0...0.99), default: .number(0)),
                ], shorthand: "channels"),
                SpecVariant("resnet", fields: [
                    SpecField("width", .integer(1...512), default: .integer(16)),
                    SpecField("blocks", .integer(1...16), default: .integer(1)),
                    SpecField("batch-norm", .boolean, default: .boolean(true)),
                ], shorthand: "width"),
            ]), default: .record(["mlp": .record(["hidden": .list([.integer(512)]), "activation": .text("relu"),
                                                  "batch-norm": .boolean(false), "dropout": .number(0)])])),
            SpecField("optimizer", .variant([
                SpecVariant("sgd", fields: TrainExperiment.sgdFields, shorthand: "lr"),
                SpecVariant("adam", fields: [
                    SpecField("lr", .number(1e-9...100), default: .number(0.001)),
                    SpecField("beta1", .number(0...0.9999), default: .number(0.9)),
                    SpecField("beta2", .number(0...0.999999), default: .number(0.999)),
                    SpecField("epsilon", .number(1e-12...1), default: .number(1e-8)),
                    SpecField("weight-decay", .number(0...10), default: .number(0)),
                ], shorthand: "lr"),
                SpecVariant("sam", fields: TrainExperiment.sgdFields + [SpecField("rho", .number(0...10), default: .number(0.05))], shorthand: "rho"),
                SpecVariant("sgld", fields: [
                    SpecField("lr", .number(1e-9...100), default: .number(0.01)),
                    SpecField("temperature", .number(0...1e6), default: .number(1)),
                    SpecField("weight-decay", .number(0...10), default: .number(0)),
                ], shorthand: "lr"),
                SpecVariant("winsorized", fields: TrainExperiment.sgdFields + [SpecField("clip", .integer(0...10000), default: .integer(2))], shorthand: "clip"),
            ]), default: .record(["sgd": .record(["lr": .number(0.01), "momentum": .number(0.9), "nesterov": .boolean(false), "weight-decay": .number(0)])])),
            SpecField("schedule", .variant([
                SpecVariant("constant"),
                SpecVariant("exponential", fields: [SpecField("factor", .number(0.01...1), default: .number(0.95))], shorthand: "factor"),
                SpecVariant("step", fields: [
                    SpecField("every", .integer(1...100000), default: .integer(10)),
                    SpecField("factor", .number(0.0001...1), default: .number(0.1)),
                ]),
                SpecVariant("cosine", fields: [SpecField("minimum", .number(0...1), default: .number(0))], shorthand: "minimum"),
            ]), default: .record(["constant": .record([:])])),
            SpecField("loss", .choice(["cross-entropy", "mse"]), default: .text("cross-entropy")),
            SpecField("batch", .integer(1...65536), default: .integer(128)),
            SpecField("epochs", .integer(1...100000), default: .integer(20)),
            SpecField("stop", .record([
                SpecField("train-accuracy", .number(0...1), optional: true, "stop once train accuracy reaches this"),
                SpecField("train-loss", .number(0...1e6), optional: true, "stop once train loss falls to this"),
            ])),
            SpecField("record", .record([
                SpecField("steps", .boolean, default: .boolean(false), "record per-step loss and batch accuracy"),
                SpecField("test-every", .integer(0...100000), default: .integer(1), "evaluate the test set every n epochs (0: never)"),
                SpecField("samples", .integer(0...64), default: .integer(0), "record the first n training inputs (after corruption) as images"),
            ])),
        ]
    }
}
