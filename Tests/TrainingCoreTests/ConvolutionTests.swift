import XCTest
@testable import TrainingCore

final class ConvolutionTests: XCTestCase {
    func testConv2DForwardMatchesDirectSum() throws {
        // A 1-channel 3×3 input, one 2×2 filter [[1, 2], [3, 4]], bias 0.5, stride 1, no padding:
        // y[0,0] = 1·1 + 2·2 + 3·4 + 4·5 + 0.5 = 37.5.
        let conv = try Conv2D(inputShape: [1, 3, 3], outputChannels: 1, kernelSize: 2)
        var rng = SeededGenerator(seed: 0)
        let model = try Model(layers: [conv], inputShape: [1, 3, 3], rng: &rng)
        try model.setFlatParameters([1, 2, 3, 4, 0.5])
        let y = try model.forward(Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map(Float.init)), training: false)
        XCTAssertEqual(y.shape, [1, 4])
        XCTAssertEqual(y.scalars, [37.5, 47.5, 67.5, 77.5])
    }

    func testConv2DBackwardMatchesFiniteDifferences() throws {
        for backend in [Conv2D.Backend.onednn, .im2col] {
            let previous = Conv2D.defaultBackend
            Conv2D.defaultBackend = backend
            defer { Conv2D.defaultBackend = previous }
            try checkConv2DGradients()
        }
    }

    /// oneDNN's direct kernels and the im2col lowering compute the same convolution: forward
    /// outputs, input gradients and parameter gradients agree to Float32 rounding (1e-4 relative to
    /// the largest value) on shapes with padding, stride 2, 1×1 and 5×5 kernels, and a batch of 13
    /// (a full group of 8 and a remainder of 5), in both of the activation layouts oneDNN is given.
    func testOneDNNAndIm2colAgree() throws {
        let shapes: [(input: [Int], out: Int, k: Int, stride: Int, padding: Int, activation: Activation)] = [
            ([3, 9, 9], 8, 3, 1, 1, .relu), ([4, 10, 7], 5, 3, 2, 1, .identity), ([6, 6, 6], 16, 1, 1, 0, .relu),
            ([2, 11, 11], 4, 5, 2, 2, .tanh), ([1, 28, 28], 32, 3, 1, 1, .relu), ([16, 7, 7], 32, 3, 2, 1, .relu),
        ]
        let layouts = Set(shapes.map { shape in
            OneDNNConvolution.activationLayout(.init(batch: 8, cin: shape.input[0], h: shape.input[1], w: shape.input[2], cout: shape.out,
                                                     k: shape.k, stride: shape.stride, padding: shape.padding, ho: 1, wo: 1))
        })
        XCTAssertEqual(layouts, [.blocked, .channelsLast], "the shapes cover both layouts")
        for shape in shapes {
            func run(_ backend: Conv2D.Backend) throws -> (y: [Float], dx: [Float], g: [Float]) {
                var rng = SeededGenerator(seed: 21)
                let conv = try Conv2D(inputShape: shape.input, outputChannels: shape.out, kernelSize: shape.k, stride: shape.stride,
                                      padding: shape.padding, activation: shape.activation)
                conv.backend = backend
                let model = try Model(layers: [conv], inputShape: shape.input, rng: &rng)
                let size = shape.input.reduce(1, *)
                let x = try Tensor(shape: [13] + shape.input, scalars: (0..<13 * size).map { _ in rng.normal() })
                let y = try model.forward(x, training: true)
                let dx = try model.backward(Tensor(shape: y.shape, scalars: (0..<y.count).map { _ in rng.normal() }))
                return (y.scalars, dx.scalars, model.flatGradients())
            }
            let (a, b) = (try run(.onednn), try run(.im2col))
            for (name, u, v) in [("y", a.y, b.y), ("dx", a.dx, b.dx), ("gradients", a.g, b.g)] {
                XCTAssertEqual(u.count, v.count)
                let scale = max(1, v.map { abs($0) }.max() ?? 1)
                let worst = zip(u, v).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-4 * scale, "\(shape.input) k \(shape.k) s \(shape.stride): \(name)")
            }
        }
    }

    /// Channels-last exactly when oneDNN's 16-channel blocks would pad a channel count: the
    /// ⅛-wide Inception's convolutions (4 to 22 channels) are channels-last; the small CNN's (1 → 32,
    /// 32 → 64) and the full-width Inception's first (3 → 96) keep the blocked layout.
    func testActivationLayoutPadsNoChannels() {
        func layout(_ cin: Int, _ cout: Int) -> OneDNNConvolution.ActivationLayout {
            OneDNNConvolution.activationLayout(.init(batch: 8, cin: cin, h: 28, w: 28, cout: cout, k: 3, stride: 1, padding: 1,
                                                     ho: 28, wo: 28))
        }
        for (cin, cout) in [(1, 12), (12, 4), (8, 6), (20, 14), (30, 12), (42, 22), (16, 12), (12, 16), (3, 20)] {
            XCTAssertEqual(layout(cin, cout), .channelsLast, "\(cin) → \(cout)")
        }
        for (cin, cout) in [(1, 32), (3, 96), (32, 64), (96, 32), (16, 16)] {
            XCTAssertEqual(layout(cin, cout), .blocked, "\(cin) → \(cout)")
        }
    }

    private func checkConv2DGradients() throws {
        let check = GradientCheck()
        check.check(layer: try Conv2D(inputShape: [2, 5, 5], outputChannels: 3, kernelSize: 3, padding: 1), batch: 2)
        check.check(layer: try Conv2D(inputShape: [2, 6, 5], outputChannels: 2, kernelSize: 3, stride: 2, padding: 1,
                                      activation: .tanh), batch: 2)
        var relu = GradientCheck(); relu.h = 1e-3; relu.atol = 2e-3
        relu.check(layer: try Conv2D(inputShape: [1, 4, 4], outputChannels: 2, kernelSize: 1, activation: .relu), batch: 3)
    }

    func testChunkedLoweringGivesTheSameResults() throws {
        // Batch 5 in chunks of 2 (2 + 2 + 1) against one chunk of 5.
        func run(chunkLimit: Int) throws -> (Tensor, Tensor, [Float]) {
            var rng = SeededGenerator(seed: 9)
            let conv = try Conv2D(inputShape: [2, 5, 5], outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, activation: .relu)
            conv.backend = .im2col
            conv.tileLimit = chunkLimit
            let model = try Model(layers: [conv], inputShape: [2, 5, 5], rng: &rng)
            let x = try Tensor(shape: [5, 2, 5, 5], scalars: (0..<250).map { _ in rng.normal() })
            let y = try model.forward(x, training: true)
            let dx = try model.backward(Tensor(shape: y.shape, scalars: (0..<y.count).map { _ in rng.normal() }))
            return (y, dx, model.flatGradients())
        }
        let (y1, dx1, g1) = try run(chunkLimit: 2)
        let (y5, dx5, g5) = try run(chunkLimit: 8)
        assertChunkedEqual(y1, y5, "output")
        assertChunkedEqual(dx1, dx5, "input gradient")
        for (a, b) in zip(g1, g5) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
    }

    func testMaxPoolForwardAndBackward() throws {
        var rng = SeededGenerator(seed: 0)
        let pool = try MaxPool2D(inputShape: [1, 4, 4], kernelSize: 2)
        let model = try Model(layers: [pool], inputShape: [1, 4, 4], rng: &rng)
        let x = try Tensor(shape: [1, 1, 4, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 1, 2])
        XCTAssertEqual(try model.forward(x, training: false).scalars, [5, 8, 9, 2])
        let dx = try model.backward(Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]))
        XCTAssertEqual(dx.scalars, [0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 4])
        var check = GradientCheck(); check.h = 1e-3; check.atol = 2e-3
        check.check(layer: try MaxPool2D(inputShape: [2, 5, 5], kernelSize: 2, stride: 2), batch: 2)
        check.check(layer: try MaxPool2D(inputShape: [1, 5, 5], kernelSize: 3, stride: 1), batch: 1)
        check.check(layer: try MaxPool2D(inputShape: [2, 4, 6], kernelSize: 2), batch: 2)   // 2×2 fast forward
    }

    func testAveragePoolingAndFlattenBackward() throws {
        let check = GradientCheck()
        check.check(layer: try AveragePool2D(inputShape: [2, 4, 4], kernelSize: 2), batch: 2)
        check.check(layer: try AveragePool2D.global(inputShape: [3, 3, 2]), batch: 2)
        check.check(layer: Flatten(inputShape: [2, 2, 3]), batch: 2)
        var rng = SeededGenerator(seed: 0)
        let model = try Model(layers: [try AveragePool2D.global(inputShape: [2, 1, 2])], inputShape: [2, 1, 2], rng: &rng)
        XCTAssertEqual(try model.forward(Tensor(shape: [1, 2, 1, 2], scalars: [1, 3, -2, 6]), training: false).scalars, [2, 2])
    }

    func testBadConvolutionShapesThrow() {
        XCTAssertThrowsError(try Conv2D(inputShape: [3, 2, 2], outputChannels: 4, kernelSize: 5))
        XCTAssertThrowsError(try Conv2D(inputShape: [784], outputChannels: 4, kernelSize: 3))
        XCTAssertThrowsError(try MaxPool2D(inputShape: [1, 1, 1], kernelSize: 2))
    }
}
