import XCTest
@testable import Datasets
