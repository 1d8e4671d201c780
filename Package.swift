// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "memgen-book",
    platforms: [.macOS(.v13)],
    // MARK: - Public products
    products: [
        .executable(name: "memgen-book", targets: ["memgen-book"]),
        .executable(name: "memgen-bench", targets: ["memgen-bench"]),
        .library(name: "Book", targets: ["Book"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // The live preview's HTTP server: small, pure Swift concurrency (no SwiftNIO), so a clean
        // clone's build stays short.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: - C libraries (each touched by exactly one Swift file)
        .systemLibrary(name: "CCommonMark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        // oneDNN ships no pkg-config file; its header sits in /usr/include/oneapi/dnnl, the library in /usr/lib.
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2",
                       providers: [.apt(["libfreetype-dev"])]),
        // btparse ships no pkg-config file; its header and library sit in /usr/include and /usr/lib.
        .systemLibrary(name: "CBTParse", providers: [.apt(["libbtparse-dev"])]),

        // MARK: - Libraries
        .target(name: "TrainingCore", dependencies: ["COpenBLAS", "CDNNL"],
                swiftSettings: optimized),
        .target(name: "Datasets", dependencies: ["TrainingCore", "CZlib"],
                swiftSettings: optimized),
        .target(name: "Probes", dependencies: ["TrainingCore"],
                swiftSettings: optimized),
        .target(name: "Charts", dependencies: ["CPNG", "CFreeType"],
                swiftSettings: optimized),
        .target(name: "Book", dependencies: [
            "CCommonMark", "TrainingCore", "Datasets", "Probes", "Charts", "Bibliography", "SearchIndex", "PrintBook",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Bibliography", dependencies: ["CBTParse"]),
        .target(name: "SearchIndex", dependencies: []),
        .target(name: "PrintBook", dependencies: []),
        .target(name: "SiteCheck", dependencies: []),
        .target(name: "Preview", dependencies: ["Book", .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(name: "MemgenCLI", dependencies: [
            "Book", "SiteCheck", "PrintBook", "Preview",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Executables (thin)
        .executableTarget(name: "memgen-book", dependencies: ["MemgenCLI"]),
        .executableTarget(name: "memgen-bench", dependencies: ["TrainingCore", "Datasets"],
                          exclude: ["jax_reference.py", "tensorflow_reference.py", "onednn_reference.cpp"], swiftSettings: optimized),
        // `make fuzz` builds it with libFuzzer (-sanitize=fuzzer -DFUZZING); a plain build is a
        // seeded property-based mutator.
        .executableTarget(name: "memgen-fuzz", dependencies: ["Book", "TrainingCore"]),

        // MARK: - Tests
        .testTarget(name: "TrainingCoreTests", dependencies: ["TrainingCore"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "TrainingCore"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TrainingCore"]),
        .testTarget(name: "BookTests", dependencies: ["Book", "MemgenCLI"]),
        .testTarget(name: "SiteCheckTests", dependencies: ["SiteCheck"]),
        .testTarget(name: "BibliographyTests", dependencies: ["Bibliography"]),
        .testTarget(name: "SearchIndexTests", dependencies: ["SearchIndex"]),
        .testTarget(name: "PrintBookTests", dependencies: ["PrintBook"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Book", "SiteCheck"]),
    ],
    swiftLanguageModes: [.v6]
)

/// Hot numeric loops: no bounds or overflow checks in release builds.
var optimized: [SwiftSetting] {
    [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]
}
