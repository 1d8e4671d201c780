import Foundation
import XCTest
@testable import TrainingCore

/// Shapes and sizes that can come from user input throw a `TrainingCoreError` that says what was
/// wrong, instead of stopping the program.
final class ShapeErrorTests: XCTestCase {
    func message(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch let error as TrainingCoreError { return error.message } catch {
            return "unexpected \(type(of: error)): \(error)"
        }
    }

    func testTensorChecksItsElementCount() throws {
        XCTAssertEqual(message { try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5]) },
                       "Tensor: shape [2, 3] needs 6 scalars, got 5")
        XCTAssertEqual(message { try Tensor(shape: [2, -3], scalars: []) }, "Tensor: negative dimension in shape [2, -3]")
        XCTAssertEqual(message { try Tensor(shape: [-1]) }, "Tensor: negative dimension in shape [-1]")
        XCTAssertEqual(message { try Tensor(shape: [Int.max, 2]) },
                       "Tensor: shape [\(Int.max), 2] has too many elements")
        // Valid shapes, including empty ones and the scalar shape [].
        XCTAssertEqual(try Tensor(shape: [2, 0], scalars: []).count, 0)
        XCTAssertEqual(try Tensor(shape: [], scalars: [7]).scalars, [7])
        XCTAssertEqual(try Tensor(shape: [2, 2], repeating: 1.5).scalars, [1.5, 1.5, 1.5, 1.5])
    }

    func testReshapeChecksTheElementCount() throws {
        let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try t.reshaped([3, 2]).shape, [3, 2])
        XCTAssertEqual(try t.reshaped([6]).scalars, t.scalars)
        XCTAssertEqual(message { try t.reshaped([4, 2]) }, "Tensor: shape [4, 2] needs 8 scalars, got 6")
    }

    func testDecodingRejectsInconsistentTensorsAndDataSets() throws {
        let decoder = JSONDecoder()
        let good = try Tensor(shape: [1, 2], scalars: [0.5, -1])
        XCTAssertEqual(try decoder.decode(Tensor.self, from: JSONEncoder().encode(good)), good)
        XCTAssertEqual(message { try decoder.decode(Tensor.self, from: Data(#"{"shape":[2,2],"scalars":[1,2,3]}"#.utf8)) },
                       "Tensor: shape [2, 2] needs 4 scalars, got 3")
        let labels = #"{"inputs":{"shape":[2,1],"scalars":[0,1]},"labels":[0,5],"classes":2}"#
        XCTAssertEqual(message { try decoder.decode(LabeledData.self, from: Data(labels.utf8)) },
                       "LabeledData: label 5 outside 0..<2")
    }

    func testDenseChecksItsSizes() throws {
        XCTAssertEqual(message { try Dense(inputSize: 0, outputSize: 3) },
                       "Dense: input and output sizes must be positive, got 0→3")
        XCTAssertEqual(message { try Dense(inputSize: 4, outputSize: -1) },
                       "Dense: input and output sizes must be positive, got 4→-1")
        XCTAssertEqual(try Dense(inputSize: 4, outputSize: 3).parameterCount, 15)
        // An architecture checks its widths before it builds layers.
        var rng = SeededGenerator(seed: 1)
        XCTAssertEqual(message { try Model(architecture: .mlp(hidden: [8, 0]), inputShape: [4], classes: 3, rng: &rng) },
                       "ModelArchitecture.mlp: hidden widths must be positive, got [8, 0]")
    }
}
