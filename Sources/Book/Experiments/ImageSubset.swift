import Foundation
import TrainingCore
import Datasets

/// The image-data parameters shared by the memorization kinds (`first-epoch`, `memorization`): the
/// first `train` training images of a set, optionally with Gaussian inputs (Arpit et al.'s randX)
/// and a fraction of labels redrawn (randY).
enum ImageSubset {
    /// The `data` and `corruption` fields.
    static func fields(train: Int) -> [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist"]), default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(10...60000), default: .integer(train), "training examples (the first n of the training split)"),
                SpecField("test", .integer(0...10000), default: .integer(0), "validation examples (the first n of the test split; 0: none)"),
                SpecField("directory", .text, default: .text(""), "folder of the IDX files (empty: the Debian package's folder)"),
            ])),
            SpecField("corruption", .record([
                SpecField("inputs", .choice(["real", "gaussian"]), default: .text("real"),
                          "gaussian: inputs replaced by noise with the data's mean and variance (randX)"),
                SpecField("labels", .number(0...1), default: .number(0), "fraction of labels redrawn uniformly (1 = randY)"),
            ])),
        ]
    }

    static func location(_ spec: SpecValue) -> (ImageClassificationSet, String) {
        let set: ImageClassificationSet = ["mnist": .mnist, "kmnist": .kmnist][spec[path: "data.set"]!.textValue!] ?? .fashionMNIST
        let dir = spec[path: "data.directory"]!.textValue!
        return (set, dir.isEmpty ? set.defaultDirectory : dir)
    }

    /// SHA-256 over the training files' digests.
    static func digest(_ spec: SpecValue, context: RunContext) throws -> String {
        let (_, dir) = location(spec)
        var names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"]
        if (spec[path: "data.test"]?.intValue ?? 0) > 0 { names += ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] }
        let parts = try names.map { name -> String in
            let base = (dir as NSString).appendingPathComponent(name)
            return try context.fileDigest(FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base)
        }
        return SHA256.hex(parts.joined(separator: "\n"))
    }

    /// The first `data.test` test images (uncorrupted), or nil when `data.test` is 0.
    static func loadTest(_ spec: SpecValue, context: RunContext) throws -> LabeledData? {
        let count = spec[path: "data.test"]?.intValue ?? 0
        guard count > 0 else { return nil }
        let (set, dir) = location(spec)
        let full = try context.shared("\(set.rawValue) test \(dir)") { try set.load(split: .test, directory: dir) }
        return full.prefix(min(count, full.count))
    }

    /// The training subset with its corruptions (inputs `(n, 1, 28, 28)`), drawn from `seed`;
    /// `corrupted[i]` says whether label `i` was redrawn.
    static func load(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> (data: LabeledData, corrupted: [Bool]) {
        let (set, dir) = location(spec)
        let count = spec[path: "data.train"]!.intValue!
        let full = try context.shared("\(set.rawValue) train \(dir)") { try set.load(split: .train, directory: dir) }
        guard count <= full.count else {
            throw BookError("data.train = \(count) but \(dir) has only \(full.count) training examples")
        }
        var data = full.prefix(count)
        var rng = SeededGenerator(seed: seed, stream: "data")
        if spec[path: "corruption.inputs"]!.textValue! == "gaussian" { data = InputCorruption.gaussian.apply(to: data, rng: &rng) }
        var corrupted = [Bool](repeating: false, count: count)
        let fraction = spec[path: "corruption.labels"]!.doubleValue!
        if fraction > 0 { (data, corrupted) = try LabelCorruption(fraction: fraction).apply(to: data, rng: &rng) }
        return (data, corrupted)
    }
}
