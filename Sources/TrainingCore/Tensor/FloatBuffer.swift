/// A fixed-size, 64-byte-aligned block of Float32 that a layer or a model owns for the whole of its
/// life. Steps read and write through `pointer`, so a training step allocates nothing.
final class FloatBuffer {
    /// The first element.
    let pointer: UnsafeMutablePointer<Float>
    /// The number of elements.
    let count: Int

    /// A zero-filled buffer of `count` elements (at least one, so the pointer is always valid).
    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride,
                                                   alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    /// The whole buffer as a mutable buffer pointer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Sets every element to zero.
    func zero() { pointer.update(repeating: 0, count: count) }
}

/// Grows a scratch buffer on demand: returns `buffer` if it already holds `count` elements,
/// otherwise a new zero-filled one. Steps after the first never reallocate.
@inline(__always)
func ensure(_ buffer: inout FloatBuffer?, count: Int) -> FloatBuffer {
    if let b = buffer, b.count >= count { return b }
    let b = FloatBuffer(count: count)
    buffer = b
    return b
}
