/// A stable 64-bit FNV-1a digest of a data set's content (shape, classes, labels and the exact bits
/// of every input value), as 16 lowercase hex digits — for cache keys.
///
/// FNV-1a: `h₀ = 0xcbf29ce484222325`; for each byte `b`: `h ← (h ⊕ b) · 0x100000001b3 (mod 2⁶⁴)`.
public enum ContentDigest {
    /// FNV-1a 64 over raw bytes, continuing from `state`.
    public static func fnv1a(_ bytes: some Sequence<UInt8>, state: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = state
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The digest of `data`.
    public static func of(_ data: LabeledData) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { for s in stride(from: 0, to: 64, by: 8) { h = (h ^ ((v >> UInt64(s)) & 0xff)) &* 0x0000_0100_0000_01b3 } }
        mix(UInt64(data.inputs.shape.count))
        for d in data.inputs.shape { mix(UInt64(d)) }
        mix(UInt64(data.classes))
        for y in data.labels { mix(UInt64(bitPattern: Int64(y))) }
        for x in data.inputs.scalars {
            let v = x.bitPattern
            h = (h ^ UInt64(v & 0xff)) &* 0x0000_0100_0000_01b3
            h = (h ^ UInt64((v >> 8) & 0xff)) &* 0x0000_0100_0000_01b3
            h = (h ^ UInt64((v >> 16) & 0xff)) &* 0x0000_0100_0000_01b3
            h = (h ^ UInt64(v >> 24)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension LabeledData {
    /// The data set's `ContentDigest` (16 hex digits).
    public var contentDigest: String { ContentDigest.of(self) }
}
