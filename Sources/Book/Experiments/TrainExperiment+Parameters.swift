import Datasets

/// The parameters of `kind: train`, with their types, ranges and defaults (documented in README.md).
extension TrainExperiment {
    public struct Parameters: SpecRecord {
        var data = Data()
        var corruption = Corruption()
        var augment = Augment()
        var model = ModelSection.mlp(.init())
        var optimizer = OptimizerSection.sgd(.init())
        var schedule = ScheduleSection.constant(.init())
        var loss = LossName.crossEntropy
        var batch = 128
        var epochs = 20
        var stop = StopSection()
        var record = Record()

        enum LossName: String, SpecChoice { case crossEntropy = "cross-entropy", mse }

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("corruption", \.corruption),
            SpecParameter("augment", \.augment),
            SpecParameter("model", \.model),
            SpecParameter("optimizer", \.optimizer),
            SpecParameter("schedule", \.schedule),
            SpecParameter("loss", \.loss),
            SpecParameter("batch", \.batch, 1...65536),
            SpecParameter("epochs", \.epochs, 1...100000),
            SpecParameter("stop", \.stop),
            SpecParameter("record", \.record),
        ]
        public init() {}
    }

    /// The data set: an image set read from files, or a Gaussian mixture drawn from `seed`.
    struct Data: SpecRecord {
        enum SetName: String, SpecChoice {
            case fashionMNIST = "fashion-mnist", mnist, kmnist, cifar10, gaussianMixture = "gaussian-mixture"
        }
        var set = SetName.fashionMNIST
        var train = 2000
        var test = 2000
        var directory = ""
        var whiten = false
        var crop = 0
        var clusters = 10
        var dimension = 20
        var classes = 10
        var separation = 1.0
        var noise = 0.1
        var seed = 0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("set", \.set, "the data set"),
            SpecParameter("train", \.train, 1...60000, "training examples (the first n of the training split)"),
            SpecParameter("test", \.test, 0...10000, "test examples (the first n of the test split; 0 = none)"),
            SpecParameter(folder: "directory", \.directory, "folder of the data files (empty: the Debian package's folder)"),
            SpecParameter("whiten", \.whiten, "per-image standardisation"),
            SpecParameter("crop", \.crop, 0...1024, "centre crop to crop × crop pixels (0: none)"),
            SpecParameter("clusters", \.clusters, 1...1000, "gaussian-mixture: number of clusters"),
            SpecParameter("dimension", \.dimension, 1...100000, "gaussian-mixture: input dimension"),
            SpecParameter("classes", \.classes, 1...1000, "gaussian-mixture: classes (cluster i has label i mod classes)"),
            SpecParameter("separation", \.separation, 0...1000, "gaussian-mixture: std of the cluster centres"),
            SpecParameter("noise", \.noise, 0...1000, "gaussian-mixture: std of points around their centre"),
            SpecParameter("seed", \.seed, 0...Int(Int32.max), "gaussian-mixture: seed of the data (fixed across training seeds)"),
        ]

        /// The image files or the mixture.
        var source: any DataSource { images ?? mixture }

        private var images: ImageSource? {
            ImageSource.Set(rawValue: set.rawValue).map {
                ImageSource(set: $0, directory: directory, train: train, test: test, whiten: whiten, crop: crop)
            }
        }

        private var mixture: MixtureSource {
            MixtureSource(mixture: GaussianMixture(clusters: clusters, dimension: dimension, classes: classes,
                                                   separation: Float(separation), noise: Float(noise)),
                          train: train, test: test, seed: UInt64(seed))
        }

        /// The training and test sets (test nil when `test` is 0), loaded once per process.
        func load() throws -> (train: LabeledData, test: LabeledData?) {
            try images?.loadCached() ?? mixture.loadCached()
        }
    }

    /// Zhang et al.'s randomization tests.
    struct Corruption: SpecRecord {
        enum Inputs: String, SpecChoice { case none, shuffledPixels = "shuffled-pixels", randomPixels = "random-pixels", gaussian }
        var labels = 0.0
        var inputs = Inputs.none
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("labels", \.labels, 0...1, "fraction of training labels redrawn uniformly (1 = random labels)"),
            SpecParameter("inputs", \.inputs, "training and test inputs replaced as in Zhang et al."),
        ]
        var corruption: DataCorruption {
            DataCorruption(labels: labels, inputs: [.shuffledPixels: .shuffledPixels, .randomPixels: .randomPixels, .gaussian: .gaussian][inputs])
        }
    }

    /// What is done to each training batch: crops and flips of images, input noise, adversarial examples.
    struct Augment: SpecRecord {
        var cropPadding = 0
        var flip = false
        /// Optional, so that specs without them keep their cache keys.
        var inputNoise: Double?
        var adversarialEpsilon: Double?
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("crop-padding", \.cropPadding, 0...64, "random crops after this much zero padding"),
            SpecParameter("flip", \.flip, "random horizontal flips"),
            SpecParameter("input-noise", \.inputNoise, 0...100, "std of Gaussian noise added to every input value of every training batch"),
            SpecParameter("adversarial-epsilon", \.adversarialEpsilon, 0...100,
                          "adversarial training: each batch replaced by x + ε·sign(∇ₓ loss) (fast gradient sign)"),
        ]
    }

    /// What the run records besides the per-epoch curves.
    struct Record: SpecRecord {
        var steps = false
        var testEvery = 1
        var samples = 0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("steps", \.steps, "record per-step loss and batch accuracy"),
            SpecParameter("test-every", \.testEvery, 0...100000, "evaluate the test set every n epochs (0: never)"),
            SpecParameter("samples", \.samples, 0...64, "record the first n training inputs (after corruption) as images"),
        ]
    }
}
