/// One share of a job, `I/N` on the command line: index `I` (from 0, as Slurm numbers array tasks)
/// of `N` shards.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The shard's index, `0 ..< count`.
    public var index: Int
    /// The number of shards.
    public var count: Int

    /// A shard; `index` must lie in `0 ..< count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw BookError("shard \(index)/\(count): the index must be between 0 and \(max(0, count - 1)) (shards are numbered from 0, like Slurm array tasks)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (for example `3/8`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw BookError("'\(text)' is not a shard: write I/N, for example 0/4 (index from 0, number of shards)")
        }
        try self.init(index: i, count: n)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
