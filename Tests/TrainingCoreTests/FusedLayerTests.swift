import XCTest
@testable import TrainingCore

/// The passes that exist only for speed — BatchNorm with its activation in the same passes, layers
/// that write straight into their slot of a `ChannelConcat`, the unrolled 3×3 max pool — against
/// the plain composition they replace: the same numbers, bit for bit.
final class FusedLayerTests: XCTestCase {
    /// Forward output, input gradient and parameter gradients of `layers` on fixed random inputs,
    /// with random parameters (unless given) and a random output gradient (unless given).
    private func run(_ layers: [any Layer], inputShape: [Int], parameters: [Float]? = nil, outputGradient: [Float]? = nil,
                     batch: Int, training: Bool) throws -> (y: [Float], dx: [Float], gradients: [Float], parameters: [Float], dy: [Float]) {
        var rng = SeededGenerator(seed: 3), data = SeededGenerator(seed: 11), perturbation = SeededGenerator(seed: 12)
        let model = try Model(layers: layers, inputShape: inputShape, rng: &rng)
        try model.setFlatParameters(parameters ?? model.flatParameters().map { $0 + perturbation.normal(standardDeviation: 0.3) })
        let x = try Tensor(shape: [batch] + inputShape,
                           scalars: (0..<batch * inputShape.reduce(1, *)).map { _ in data.normal(mean: 0.2, standardDeviation: 1) })
        if !training {   // running statistics away from (0, 1) first
            _ = try model.forward(x, training: true)
        }
        let y = try model.forward(x, training: training)
        let dy = try Tensor(shape: y.shape, scalars: outputGradient ?? y.scalars.indices.map { _ in data.normal() })
        model.zeroGradients()
        let dx = try model.backward(dy)
        return (y.scalars, dx.scalars, model.flatGradients(), model.flatParameters(), dy.scalars)
    }

    func testBatchNormWithActivationEqualsTheTwoLayersBitForBit() throws {
        // 5×7 positions: rows that are not a multiple of the eight SIMD lanes.
        for activation in [Activation.relu, .tanh] {
            for training in [true, false] {
                for shape in [[3, 5, 7], [6]] {
                    let fused = try run([BatchNorm(shape: shape, activation: activation)], inputShape: shape,
                                        parameters: nil, batch: 4, training: training)
                    let separate = try run([BatchNorm(shape: shape), ActivationLayer(activation, shape: shape)], inputShape: shape,
                                           parameters: nil, batch: 4, training: training)
                    XCTAssertEqual(fused.y, separate.y, "\(activation) \(training) \(shape)")
                    XCTAssertEqual(fused.dx, separate.dx, "\(activation) \(training) \(shape)")
                    XCTAssertEqual(fused.gradients, separate.gradients, "\(activation) \(training) \(shape)")
                    XCTAssertTrue(fused.y.contains(0) == (activation == .relu))
                }
            }
        }
        var check = GradientCheck(); check.h = 1e-3; check.atol = 2e-3
        check.check(layer: try BatchNorm(shape: [2, 3, 3], activation: .tanh), batch: 3, training: true)
        check.check(layer: try BatchNorm(shape: [2, 3, 3], activation: .relu), batch: 3, training: true)
    }

    /// A concatenation whose branches end in slot writers (BatchNorm + ReLU, max pooling, an
    /// activation) against each branch run as a model of its own, outputs stacked by hand and input
    /// gradients added in branch order.
    func testConcatenationSlotsEqualBranchesRunSeparately() throws {
        let input = [3, 9, 9]
        func branches() throws -> [[any Layer]] {
            let a = try Conv2D(inputShape: input, outputChannels: 4, kernelSize: 3, stride: 2, activation: .identity)
            let c = try Conv2D(inputShape: input, outputChannels: 2, kernelSize: 3, stride: 2, activation: .identity)
            return [[a, try BatchNorm(shape: a.outputShape, activation: .relu)],
                    [try MaxPool2D(inputShape: input, kernelSize: 3, stride: 2)],
                    [c, ActivationLayer(.tanh, shape: c.outputShape)]]
        }
        let concat = try ChannelConcat(branches: branches())
        XCTAssertEqual(concat.outputShape, [9, 4, 4])
        let whole = try run([concat], inputShape: input, parameters: nil, batch: 5, training: true)

        // The same parameters, branch by branch (the concatenation's layout is its branches' in order).
        var offset = 0, channel = 0
        var outputs: [[Float]] = [], inputGradients: [[Float]] = [], gradients: [Float] = []
        for stack in try branches() {
            let count = stack.reduce(0) { $0 + $1.parameterCount }
            let size = stack.last!.outputShape.reduce(1, *), slot = channel * 16
            let dy = (0..<5).flatMap { n in whole.dy[(n * 144 + slot)..<(n * 144 + slot + size)] }
            let part = try run(stack, inputShape: input, parameters: Array(whole.parameters[offset..<(offset + count)]),
                               outputGradient: dy, batch: 5, training: true)
            offset += count; channel += stack.last!.outputShape[0]
            outputs.append(part.y); inputGradients.append(part.dx); gradients += part.gradients
        }
        var stacked: [Float] = []
        for n in 0..<5 {
            for (b, y) in outputs.enumerated() {
                let size = y.count / 5
                stacked += y[(n * size)..<((n + 1) * size)]
                XCTAssertGreaterThan(size, 0, "branch \(b)")
            }
        }
        XCTAssertEqual(whole.y, stacked)
        var dx = inputGradients[0]
        for g in inputGradients.dropFirst() { for i in dx.indices { dx[i] = g[i] + dx[i] } }
        XCTAssertEqual(whole.dx, dx)
        XCTAssertEqual(whole.gradients, gradients)
        var check = GradientCheck(); check.h = 1e-3; check.atol = 2e-3
        check.check(layer: try ChannelConcat(branches: branches()), batch: 2)
    }

    func testThreeByThreeMaxPoolAtStrideTwo() throws {
        // 5×5 input, windows at (0,0), (0,2), (2,0), (2,2); ties go to the first maximum in row order.
        let x: [Float] = [1, 2, 7, 0, 3,
                          4, 7, 1, 7, 2,
                          0, 5, 6, 8, 8,
                          9, 1, 2, 0, 1,
                          3, 3, 9, 4, 2]
        var rng = SeededGenerator(seed: 0)
        let model = try Model(layers: [try MaxPool2D(inputShape: [1, 5, 5], kernelSize: 3, stride: 2)], inputShape: [1, 5, 5], rng: &rng)
        XCTAssertEqual(try model.forward(Tensor(shape: [1, 1, 5, 5], scalars: x), training: false).scalars, [7, 8, 9, 9])
        let dx = try model.backward(Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]))
        var expected = [Float](repeating: 0, count: 25)
        expected[2] = 1          // 7 at (0,2) before 7 at (1,1)
        expected[13] = 2         // 8 at (2,3) before 8 at (2,4)
        expected[15] = 3         // 9 at (3,0) before 9 at (4,2)
        expected[22] = 4
        XCTAssertEqual(dx.scalars, expected)
        var check = GradientCheck(); check.h = 1e-3; check.atol = 2e-3
        check.check(layer: try MaxPool2D(inputShape: [2, 7, 7], kernelSize: 3, stride: 2), batch: 3)
    }
}
