// swift-tools-version:6.0
import PackageDescription

// Data flows one way: capture → exchanges → replay → (pipeline, regimes, strategy, results).
// A target imports only targets to its left; only the `liqsim` executable imports everything.
let package = Package(
    name: "liqsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liqsim", targets: ["liqsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System-library shims: a module map and a header, nothing else.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "LiqsimCore", dependencies: ["COpenSSL"]),
        .target(name: "LiqsimCapture", dependencies: ["LiqsimCore", "CZstd"]),
        .target(name: "LiqsimExchanges", dependencies: ["LiqsimCore"]),
        .target(name: "LiqsimReplay", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges"]),
        .executableTarget(
            name: "liqsim",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: builds a ≥1M-frame capture and times replay against `zstd -dc`.
        .executableTarget(name: "liqsim-bench", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges"], path: "Sources/LiqsimBench"),
        .testTarget(
            name: "LiqsimTests",
            dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "CZstd"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
