import XCTest
@testable import Probes
