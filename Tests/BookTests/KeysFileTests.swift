import XCTest
@testable import Book

final class KeysFileTests: XCTestCase {
    let a = String(repeating: "a", count: 64), b = String(repeating: "0", count: 63) + "f"

    func testRoundTrip() throws {
        let file = KeysFile(items: [.init(key: a, seconds: 12.5), .init(key: b, seconds: 0.25)], names: [a: "x[seed=1]"])
        XCTAssertEqual(file.text, "# memgen-book runs: key, estimated seconds, name (read by `memgen-book run --keys`)\n\(a)\t12.500\tx[seed=1]\n\(b)\t0.250\t\n")
        XCTAssertEqual(try KeysFile(parsing: file.text, file: "k"), file)
    }

    func testKeysAloneAndErrors() throws {
        XCTAssertEqual(try KeysFile(parsing: "\(a)\n\n# c\n", file: "k").items, [.init(key: a, seconds: 1)])
        XCTAssertThrowsError(try KeysFile(parsing: "\(a)\nxyz\n", file: "runs.keys")) {
            XCTAssertTrue("\($0)".hasPrefix("runs.keys:2: 'xyz' is not a run key"), "\($0)")
        }
        XCTAssertThrowsError(try KeysFile(parsing: "\(a)\t-1\n", file: "k")) { XCTAssertTrue("\($0)".contains("k:1")) }
        XCTAssertThrowsError(try KeysFile(parsing: "\(a)\n\(a)\n", file: "k")) { XCTAssertTrue("\($0)".contains("listed twice")) }
    }
}
