/// A data set a run reads, described fully enough to load it again and to name it in a cache key.
///
/// The digest of a source covers ``recipe`` and the bytes of every file in ``files`` (by content,
/// never by folder), so two machines holding the same files in different folders agree on it.
public protocol DataSource: Hashable, Sendable {
    /// The loaded form (for example training and test sets).
    associatedtype Loaded: Sendable
    /// The files the data are read from (empty for synthetic data).
    var files: [String] { get }
    /// Everything besides the files' bytes that decides the data: the kind of source, sizes,
    /// seeds and options, in one line of text.
    var recipe: String { get }
    /// Reads or generates the data.
    func load() throws -> Loaded
}

extension DataSource {
    /// ``load()`` remembered for this process (see ``DataCache``).
    public func loadCached() throws -> Loaded { try DataCache.shared.value(for: self) { try load() } }
}
