import Datasets

/// The shared `data:` section of the kinds that read an image set from IDX files: the first
/// `train` training and `test` test images of `set` in `directory`.
///
/// Kinds set their own defaults and limits: `var data = ImageDataSection(train: 2000, trainLimit: 10...6000)`.
struct ImageDataSection: SpecRecord, Equatable {
    enum SetName: String, SpecChoice { case fashionMNIST = "fashion-mnist", mnist, kmnist }
    var set = SetName.fashionMNIST
    var train = 1000
    var test = 0
    var directory = ""
    /// The valid training-set sizes (a limit of the kind, not a parameter).
    var trainLimit = 10...60000
    /// The valid test-set sizes (a limit of the kind, not a parameter).
    var testLimit = 0...10000

    static let fields: [SpecParameter<Self>] = [
        SpecParameter("set", \.set, "the data set"),
        SpecParameter("train", \.train, range: \.trainLimit, "training examples (the first n of the training split)"),
        SpecParameter("test", \.test, range: \.testLimit, "test examples (the first n of the test split)"),
        SpecParameter(folder: "directory", \.directory, "folder of the IDX files (empty: the Debian package's folder)"),
    ]

    /// The files and counts this section describes.
    var source: ImageSource {
        ImageSource(set: ImageSource.Set(rawValue: set.rawValue) ?? .fashionMNIST, directory: directory, train: train, test: test)
    }
}
