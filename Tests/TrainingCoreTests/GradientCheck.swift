import XCTest
@testable import TrainingCore

/// Central finite differences for a layer: checks `dx` and the parameter gradients of the scalar
/// `L = Σ r ⊙ y(x)` for a fixed random `r`, perturbing every coordinate by ±h (Float32 forward,
/// Float64 accumulation of L). Tolerance: |analytic − numeric| ≤ atol + rtol·|numeric|.
struct GradientCheck {
    var h: Float = 1e-2
    var atol: Double = 5e-4
    var rtol: Double = 2e-3

    /// Returns the worst violation ratio (≤ 1 passes) after asserting each coordinate.
    func check(layer: any Layer, batch: Int, seed: UInt64 = 1, training: Bool = true,
               inputScale: Float = 1, warmUp: Bool = false, afterFirstForward: (() -> Void)? = nil,
               file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededGenerator(seed: seed)
        let p = layer.parameterCount
        let params = FloatBuffer(count: p), grads = FloatBuffer(count: p)
        layer.bind(parameters: params.pointer, gradients: grads.pointer)
        layer.initialize(using: &rng)
        // Make biases / scales non-trivial.
        for i in 0..<p { params.pointer[i] += rng.normal(standardDeviation: 0.1) }
        layer.reserve(batch: batch)
        let nIn = batch * layer.inputShape.reduce(1, *), nOut = batch * layer.outputShape.reduce(1, *)
        var x = (0..<nIn).map { _ in rng.normal(standardDeviation: inputScale) }
        let r = (0..<nOut).map { _ in rng.normal() }
        var y = [Float](repeating: 0, count: nOut)

        func loss() -> Double {
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    layer.forward(xp.baseAddress!, yp.baseAddress!, batch: batch, training: training)
                }
            }
            return zip(y, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }

        if warmUp {
            // One training-mode pass with shifted inputs, so running statistics are non-trivial.
            let shifted = x.map { $0 * 1.5 + 0.3 }
            var scratch = y
            layer.forward(shifted, &scratch, batch: batch, training: true)
        }
        _ = loss()
        afterFirstForward?()
        var dy = r
        var dx = [Float](repeating: 0, count: nIn)
        grads.zero()
        x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
            dy.withUnsafeMutableBufferPointer { dyp in dx.withUnsafeMutableBufferPointer { dxp in
                layer.backward(x: xp.baseAddress!, y: yp.baseAddress!, dy: dyp.baseAddress!, dx: dxp.baseAddress!,
                               batch: batch, blend: .overwrite)
            } }
        } }
        let analyticParams = Array(grads.buffer)

        for i in 0..<nIn {
            let old = x[i]
            x[i] = old + h; let up = loss()
            x[i] = old - h; let down = loss()
            x[i] = old
            let numeric = (up - down) / (2 * Double(h))
            XCTAssertLessThanOrEqual(abs(Double(dx[i]) - numeric), atol + rtol * abs(numeric),
                                     "\(layer.description) dx[\(i)]: analytic \(dx[i]) numeric \(numeric)",
                                     file: file, line: line)
        }
        for i in 0..<p {
            let old = params.pointer[i]
            params.pointer[i] = old + h; let up = loss()
            params.pointer[i] = old - h; let down = loss()
            params.pointer[i] = old
            let numeric = (up - down) / (2 * Double(h))
            XCTAssertLessThanOrEqual(abs(Double(analyticParams[i]) - numeric), atol + rtol * abs(numeric),
                                     "\(layer.description) dθ[\(i)]: analytic \(analyticParams[i]) numeric \(numeric)",
                                     file: file, line: line)
        }
    }
}
