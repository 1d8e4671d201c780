/// Splits runs into shards of about equal estimated cost: longest runs first, each to the shard
/// with the least work so far (LPT, Graham 1969: at most 4/3 of the best possible longest shard).
///
/// Deterministic: ties in cost are broken by key, ties in load by the lower shard index, so every
/// array task that computes the plan from the same keys file gets the same shards.
public struct ShardPlan: Sendable, Equatable {
    /// One item to place: its cache key and estimated seconds.
    public struct Item: Sendable, Equatable, Hashable {
        /// The run's cache key.
        public var key: String
        /// Its estimated training seconds.
        public var seconds: Double
        /// An item.
        public init(key: String, seconds: Double) { self.key = key; self.seconds = seconds }
    }

    /// The shards, each a list of items in the order they were placed (longest first).
    public var shards: [[Item]]

    /// The estimated seconds of each shard.
    public var loads: [Double] { shards.map { $0.map(\.seconds).reduce(0, +) } }

    /// Places `items` into `count` shards (some stay empty when there are fewer items).
    public init(_ items: [Item], count: Int) {
        precondition(count >= 1, "a shard plan needs at least one shard")
        shards = Array(repeating: [], count: count)
        var loads = Array(repeating: 0.0, count: count)
        let ordered = items.sorted { $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.key < $1.key }
        for item in ordered {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            shards[lightest].append(item)
            loads[lightest] += max(0, item.seconds)
        }
    }
}
