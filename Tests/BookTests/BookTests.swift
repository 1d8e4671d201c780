import XCTest
@testable import Book
