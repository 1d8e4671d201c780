import CDNNL

/// The one file that calls oneDNN (libdnnl 2.6, through its C API): the convolutions of a group
/// of examples — forward, backward to the weights and backward to the inputs — with oneDNN's
/// direct kernels on its own layouts (16-channel blocks, or channels-last for narrow layers).
///
/// The caller keeps its plain layouts (activations `(m, C, H, W)`, weights `(Cout, Cin, k, k)`); each
/// call reorders its operands into the layouts the primitive uses (``activationLayout(_:)``) and its
/// result back. oneDNN runs on OpenMP; every call first limits the calling thread's OpenMP team to
/// one thread, so that a call computes the same bits whichever worker thread makes it (measured:
/// oneDNN's weight gradients at 1 and at 2 OpenMP threads differ in the last bits). Parallelism
/// stays with the caller's ``WorkerTeam``, one group per thread, as for the im2col path.
///
/// Per thread slot: a stream, the operand memories and the scratchpads (user-managed, so that
/// concurrent calls share nothing but the immutable primitives). Nothing is allocated per call.
final class OneDNNConvolution: @unchecked Sendable {
    struct Geometry: Hashable {
        let batch: Int, cin: Int, h: Int, w: Int, cout: Int, k: Int, stride: Int, padding: Int, ho: Int, wo: Int
    }

    /// The operands of the three primitives.
    private enum Role: Int, CaseIterable {
        case forwardSource, forwardWeights, forwardDestination
        case dataDiffDestination, dataWeights, dataDiffSource
        case weightsSource, weightsDiffDestination, weightsDiffWeights
        var isOutput: Bool { self == .forwardDestination || self == .dataDiffSource || self == .weightsDiffWeights }
    }

    nonisolated(unsafe) private static let engine: dnnl_engine_t? = {
        var engine: dnnl_engine_t?
        return dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success ? engine : nil
    }()

    let geometry: Geometry
    private var primitives: [dnnl_primitive_t] = []                  // forward, backward data, backward weights
    private var scratchpadDescs: [dnnl_memory_desc_t] = []
    private var userDescs: [Role: dnnl_memory_desc_t] = [:]
    private var innerDescs: [Role: dnnl_memory_desc_t] = [:]
    private var reorders: [Role: dnnl_primitive_t] = [:]            // user → inner (inputs), inner → user (outputs)
    private var biasDesc = dnnl_memory_desc_t()
    /// Whether the two backward primitives take `dz` in the same layout (then it is reordered once).
    private var sharedDiffDestination = false

    /// One thread's stream and memories.
    private final class Slot {
        let stream: dnnl_stream_t
        var user: [Role: dnnl_memory_t] = [:], inner: [Role: dnnl_memory_t] = [:]
        var bias: dnnl_memory_t?
        var scratchpads: [dnnl_memory_t] = []
        /// The argument list of one primitive execution (at most five operands), reused by every call.
        let arguments = UnsafeMutablePointer<dnnl_exec_arg_t>.allocate(capacity: 5)
        init(stream: dnnl_stream_t) { self.stream = stream }
        deinit { arguments.deallocate() }
    }
    private var slots: [Slot] = []

    /// The layout a group's activations take inside the primitives.
    enum ActivationLayout: Equatable { case blocked, channelsLast }

    /// Left to choose (`format_tag_any`), oneDNN 2.6 puts activations in its 16-channel blocked layout
    /// (`nChw16c`), padding a channel count to the next multiple of 16: the ⅛-wide Inception's 4 to
    /// 22 channels cost up to four times the memory traffic and arithmetic they need. Channels-last
    /// (`nhwc`) pads nothing. Measured (`make bench`, 1 thread, one epoch): the Inception trains at
    /// 1,812 samples/s channels-last against 1,415 blocked (its convolution-only bound 2,136 against
    /// 1,640); the small CNN (32 and 64 channels) at 3,103 channels-last against 3,281 blocked, and
    /// 3,052 when only its 1-channel input layer goes channels-last. Hence: channels-last when an
    /// output count, or an input count of more than 3 (an image's own channels), is not a multiple of
    /// 16; oneDNN's choice otherwise. The choice depends on the shape only, never on timing.
    static func activationLayout(_ g: Geometry) -> ActivationLayout {
        g.cout % 16 != 0 || (g.cin > 3 && g.cin % 16 != 0) ? .channelsLast : .blocked
    }

    /// The primitives for `geometry`, or nil when oneDNN is unavailable or refuses the shape.
    init?(_ g: Geometry) {
        geometry = g
        guard let engine = Self.engine else { return nil }
        // oneDNN fixes a primitive's thread count when it is created (from omp_get_max_threads) and
        // opens an OpenMP team of that size at every execution, whatever the caller's setting then.
        // Created at the machine's count, the first convolution's weight-gradient kernel ran a
        // two-thread team with a spinning barrier in every call: two runs trained side by side
        // (`--jobs 2`) put four spinning threads on two cores and trained 10× slower.
        omp_set_num_threads(1)
        func desc(_ dims: [Int], _ tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
            var md = dnnl_memory_desc_t()
            let d = dims.map(dnnl_dim_t.init)
            _ = d.withUnsafeBufferPointer { dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), $0.baseAddress, dnnl_f32, tag) }
            return md
        }
        let src = [g.batch, g.cin, g.h, g.w], wts = [g.cout, g.cin, g.k, g.k], dst = [g.batch, g.cout, g.ho, g.wo]
        let plainSrc = desc(src, dnnl_nchw), plainWeights = desc(wts, dnnl_oihw), plainDst = desc(dst, dnnl_nchw)
        let inner = Self.activationLayout(g) == .channelsLast ? dnnl_nhwc : dnnl_format_tag_any
        let anySrc = desc(src, inner), anyWeights = desc(wts, dnnl_format_tag_any), anyDst = desc(dst, inner)
        biasDesc = desc([g.cout], dnnl_x)
        let strides: [dnnl_dim_t] = [dnnl_dim_t(g.stride), dnnl_dim_t(g.stride)]
        // Right padding so that the output has exactly (ho, wo) positions.
        let padLeft: [dnnl_dim_t] = [dnnl_dim_t(g.padding), dnnl_dim_t(g.padding)]
        let padRight: [dnnl_dim_t] = [dnnl_dim_t((g.ho - 1) * g.stride + g.k - g.h - g.padding),
                                      dnnl_dim_t((g.wo - 1) * g.stride + g.k - g.w - g.padding)]

        var attr: dnnl_primitive_attr_t?
        guard dnnl_primitive_attr_create(&attr) == dnnl_success, let attr else { return nil }
        defer { dnnl_primitive_attr_destroy(attr) }
        guard dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user) == dnnl_success else { return nil }

        var forward = dnnl_convolution_desc_t(), data = dnnl_convolution_desc_t(), weights = dnnl_convolution_desc_t()
        var (s, wd, b, dd) = (anySrc, anyWeights, biasDesc, anyDst)
        guard dnnl_convolution_forward_desc_init(&forward, dnnl_forward_training, dnnl_convolution_direct, &s, &wd, &b, &dd,
                                                 strides, padLeft, padRight) == dnnl_success,
              dnnl_convolution_backward_data_desc_init(&data, dnnl_convolution_direct, &s, &wd, &dd,
                                                       strides, padLeft, padRight) == dnnl_success,
              dnnl_convolution_backward_weights_desc_init(&weights, dnnl_convolution_direct, &s, &wd, nil, &dd,
                                                          strides, padLeft, padRight) == dnnl_success
        else { return nil }

        var forwardPD: dnnl_primitive_desc_t?, dataPD: dnnl_primitive_desc_t?, weightsPD: dnnl_primitive_desc_t?
        guard withUnsafePointer(to: &forward, { dnnl_primitive_desc_create(&forwardPD, UnsafeRawPointer($0), attr, engine, nil) }) == dnnl_success,
              let forwardPD,
              withUnsafePointer(to: &data, { dnnl_primitive_desc_create(&dataPD, UnsafeRawPointer($0), attr, engine, forwardPD) }) == dnnl_success,
              let dataPD,
              withUnsafePointer(to: &weights, { dnnl_primitive_desc_create(&weightsPD, UnsafeRawPointer($0), attr, engine, forwardPD) }) == dnnl_success,
              let weightsPD
        else { return nil }
        defer { dnnl_primitive_desc_destroy(forwardPD); dnnl_primitive_desc_destroy(dataPD); dnnl_primitive_desc_destroy(weightsPD) }

        func query(_ pd: dnnl_primitive_desc_t, _ what: dnnl_query_t) -> dnnl_memory_desc_t { dnnl_primitive_desc_query_md(pd, what, 0).pointee }
        innerDescs = [
            .forwardSource: query(forwardPD, dnnl_query_src_md), .forwardWeights: query(forwardPD, dnnl_query_weights_md),
            .forwardDestination: query(forwardPD, dnnl_query_dst_md),
            .dataDiffDestination: query(dataPD, dnnl_query_diff_dst_md), .dataWeights: query(dataPD, dnnl_query_weights_md),
            .dataDiffSource: query(dataPD, dnnl_query_diff_src_md),
            .weightsSource: query(weightsPD, dnnl_query_src_md), .weightsDiffDestination: query(weightsPD, dnnl_query_diff_dst_md),
            .weightsDiffWeights: query(weightsPD, dnnl_query_diff_weights_md),
        ]
        userDescs = [
            .forwardSource: plainSrc, .forwardWeights: plainWeights, .forwardDestination: plainDst,
            .dataDiffDestination: plainDst, .dataWeights: plainWeights, .dataDiffSource: plainSrc,
            .weightsSource: plainSrc, .weightsDiffDestination: plainDst, .weightsDiffWeights: plainWeights,
        ]
        scratchpadDescs = [forwardPD, dataPD, weightsPD].map { query($0, dnnl_query_scratchpad_md) }
        var dataDiffDst = innerDescs[.dataDiffDestination]!, weightsDiffDst = innerDescs[.weightsDiffDestination]!
        sharedDiffDestination = dnnl_memory_desc_equal(&dataDiffDst, &weightsDiffDst) != 0
        for pd in [forwardPD, dataPD, weightsPD] {
            var primitive: dnnl_primitive_t?
            guard dnnl_primitive_create(&primitive, pd) == dnnl_success, let primitive else { return nil }
            primitives.append(primitive)
        }
        for role in Role.allCases {
            var user = userDescs[role]!, inner = innerDescs[role]!
            if dnnl_memory_desc_equal(&user, &inner) != 0 { continue }
            var pd: dnnl_primitive_desc_t?
            let created = role.isOutput
                ? dnnl_reorder_primitive_desc_create(&pd, &inner, engine, &user, engine, nil)
                : dnnl_reorder_primitive_desc_create(&pd, &user, engine, &inner, engine, nil)
            guard created == dnnl_success, let pd else { return nil }
            defer { dnnl_primitive_desc_destroy(pd) }
            var primitive: dnnl_primitive_t?
            guard dnnl_primitive_create(&primitive, pd) == dnnl_success, let primitive else { return nil }
            reorders[role] = primitive
        }
    }

    deinit {
        for slot in slots {
            for m in slot.user.values { dnnl_memory_destroy(m) }
            for m in slot.inner.values { dnnl_memory_destroy(m) }
            if let b = slot.bias { dnnl_memory_destroy(b) }
            for m in slot.scratchpads { dnnl_memory_destroy(m) }
            dnnl_stream_destroy(slot.stream)
        }
        for p in primitives { dnnl_primitive_destroy(p) }
        for p in reorders.values { dnnl_primitive_destroy(p) }
    }

    /// Makes sure `count` thread slots exist (called before a parallel pass, never inside one).
    /// Returns false when oneDNN could not create them.
    func reserve(slots count: Int) -> Bool {
        guard let engine = Self.engine else { return false }
        while slots.count < count {
            var stream: dnnl_stream_t?
            guard dnnl_stream_create(&stream, engine, UInt32(dnnl_stream_default_flags.rawValue)) == dnnl_success, let stream else { return false }
            let slot = Slot(stream: stream)
            for role in Role.allCases {
                var user = userDescs[role]!
                var memory: dnnl_memory_t?
                guard dnnl_memory_create(&memory, &user, engine, nil) == dnnl_success, let memory else { return false }
                slot.user[role] = memory
                if reorders[role] != nil {
                    var inner = innerDescs[role]!
                    var own: dnnl_memory_t?
                    guard dnnl_memory_create(&own, &inner, engine, mg_memory_allocate()) == dnnl_success, let own else { return false }
                    slot.inner[role] = own
                }
            }
            var bias: dnnl_memory_t?
            guard dnnl_memory_create(&bias, &biasDesc, engine, nil) == dnnl_success else { return false }
            slot.bias = bias
            for var md in scratchpadDescs {
                var pad: dnnl_memory_t?
                guard dnnl_memory_create(&pad, &md, engine, mg_memory_allocate()) == dnnl_success, let pad else { return false }
                slot.scratchpads.append(pad)
            }
            slots.append(slot)
        }
        return true
    }

    /// Points `role`'s user memory at `pointer` and returns the memory the primitive reads or writes
    /// (for an input, after reordering into it).
    private func operand(_ role: Role, _ pointer: UnsafeRawPointer, _ slot: Slot) -> dnnl_memory_t {
        let user = slot.user[role]!
        dnnl_memory_set_data_handle(user, UnsafeMutableRawPointer(mutating: pointer))
        guard let inner = slot.inner[role], let reorder = reorders[role] else { return user }
        if !role.isOutput { execute(reorder, slot, (MG_ARG_FROM, user), (MG_ARG_TO, inner)) }
        return inner
    }

    /// Reorders an output from the primitive's layout into the caller's buffer.
    private func finish(_ role: Role, _ slot: Slot) {
        guard let inner = slot.inner[role], let reorder = reorders[role] else { return }
        execute(reorder, slot, (MG_ARG_FROM, inner), (MG_ARG_TO, slot.user[role]!))
    }

    /// Runs `primitive` on the slot's stream with the given (argument, memory) pairs, written into
    /// the slot's argument list (no allocation per call).
    private func execute(_ primitive: dnnl_primitive_t, _ slot: Slot,
                         _ a: (Int32, dnnl_memory_t), _ b: (Int32, dnnl_memory_t), _ c: (Int32, dnnl_memory_t)? = nil,
                         _ d: (Int32, dnnl_memory_t)? = nil, _ e: (Int32, dnnl_memory_t)? = nil) {
        var count: Int32 = 0
        func add(_ pair: (Int32, dnnl_memory_t)?) {
            guard let pair else { return }
            slot.arguments[Int(count)] = dnnl_exec_arg_t(arg: pair.0, memory: pair.1)
            count += 1
        }
        add(a); add(b); add(c); add(d); add(e)
        let status = dnnl_primitive_execute(primitive, slot.stream, count, slot.arguments)
        precondition(status == dnnl_success, "oneDNN: a primitive failed to execute (status \(status.rawValue))")
    }

    /// `y = conv(x, W) + b` for the group, plain layouts in and out.
    func forward(x: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                 y: UnsafeMutablePointer<Float>, slot index: Int) {
        omp_set_num_threads(1)
        let slot = slots[index]
        dnnl_memory_set_data_handle(slot.bias!, UnsafeMutableRawPointer(mutating: bias))
        let src = operand(.forwardSource, x, slot), w = operand(.forwardWeights, weights, slot)
        let dst = operand(.forwardDestination, y, slot)
        execute(primitives[0], slot, (MG_ARG_SRC, src), (MG_ARG_WEIGHTS, w), (MG_ARG_BIAS, slot.bias!), (MG_ARG_DST, dst),
                (MG_ARG_SCRATCHPAD, slot.scratchpads[0]))
        finish(.forwardDestination, slot)
        dnnl_stream_wait(slot.stream)
    }

    /// The group's backward pass: `dW = Σ_examples dz ⋆ x`, `(Cout, Cin, k, k)`, and, when `dx` is
    /// given, `dx = convᵀ(dz, W)`, the gradient with respect to the group's inputs (both overwritten).
    /// When both primitives read `dz` in the same layout it is reordered once (a copy: same results).
    func backward(x: UnsafePointer<Float>, dz: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                  dWeights: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?, slot index: Int) {
        omp_set_num_threads(1)
        let slot = slots[index]
        let src = operand(.weightsSource, x, slot), diffDst = operand(.weightsDiffDestination, dz, slot)
        let diffWeights = operand(.weightsDiffWeights, dWeights, slot)
        execute(primitives[2], slot, (MG_ARG_SRC, src), (MG_ARG_DIFF_DST, diffDst), (MG_ARG_DIFF_WEIGHTS, diffWeights),
                (MG_ARG_SCRATCHPAD, slot.scratchpads[2]))
        finish(.weightsDiffWeights, slot)
        if let dx {
            let dataDiffDst = sharedDiffDestination ? diffDst : operand(.dataDiffDestination, dz, slot)
            let w = operand(.dataWeights, weights, slot), diffSrc = operand(.dataDiffSource, dx, slot)
            execute(primitives[1], slot, (MG_ARG_DIFF_DST, dataDiffDst), (MG_ARG_WEIGHTS, w), (MG_ARG_DIFF_SRC, diffSrc),
                    (MG_ARG_SCRATCHPAD, slot.scratchpads[1]))
            finish(.dataDiffSource, slot)
        }
        dnnl_stream_wait(slot.stream)
    }
}
