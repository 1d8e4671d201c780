import XCTest
@testable import TrainingCore
