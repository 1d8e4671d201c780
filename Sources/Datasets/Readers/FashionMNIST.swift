/// Fashion-MNIST (Xiao et al. 2017), as installed by Debian's `dataset-fashion-mnist`.
public enum FashionMNIST {
    /// Loads a split from `directory` (default `/usr/share/datasets/fashion-mnist`).
    public static func load(split: ImageClassificationSet.Split, directory: String? = nil,
                            limit: Int? = nil) throws -> LabeledData {
        try ImageClassificationSet.fashionMNIST.load(split: split, directory: directory, limit: limit)
    }
}
