// swift-tools-version:6.0
import PackageDescription

// Data flows one way: capture → exchanges → replay → (pipeline, regimes, strategy, results).
// A target imports only targets to its left; only the `liqsim` executable imports everything.
// The replay hot loop touches class-held buffers per frame; runtime exclusivity checks
// cost ~17% of replay time (perf, 1M frames). Debug builds (and so `make test`) keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "liqsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liqsim", targets: ["liqsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Live I/O (`record`, `serve`): websocket-kit's client held ~820k msg/s over loopback
        // and stayed steady over TLS (PLATFORM.md); the server is plain NIO.
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
    ],
    targets: [
        // System-library shims: a module map and a header, nothing else.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "LiqsimCore", dependencies: ["COpenSSL"], swiftSettings: hotPath),
        .target(name: "LiqsimCapture", dependencies: ["LiqsimCore", "CZstd"], swiftSettings: hotPath),
        .target(name: "LiqsimExchanges", dependencies: ["LiqsimCore"], swiftSettings: hotPath),
        .target(name: "LiqsimReplay", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimPipeline", "LiqsimResults"], swiftSettings: hotPath),
        // Windows, views, bars, sentiment, cascade detection over normalized events.
        .target(name: "LiqsimPipeline", dependencies: ["LiqsimCore"], swiftSettings: hotPath),
        // Trend and volatility regressions over BLAS/LAPACK (rolling OLS, realized-volatility z, HAR-RV).
        .target(name: "LiqsimRegimes", dependencies: ["COpenBLAS"], swiftSettings: hotPath),
        // SQLite stores (snapshot store; results.sqlite), text tables, the HTML backtest report (with the heatmap panel).
        .target(name: "LiqsimResults", dependencies: ["LiqsimCore", "LiqsimPipeline", "LiqsimHeatmap", "CSQLite"]),
        // `liqsim synth`: deterministic leveraged-market generator writing exchange-native frames.
        .target(name: "LiqsimSynth", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", .product(name: "Yams", package: "Yams")]),
        // `liqsim record` / `liqsim serve`: exchange WebSocket sessions, REST pollers, resilience,
        // the recorder, and a capture re-broadcast as the exchanges' own protocols.
        .target(
            name: "LiqsimLive",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimPipeline",
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: hotPath
        ),
        // `liqsim heatmap`: estimated liquidation levels from trades and open interest, grid and SVG.
        .target(name: "LiqsimHeatmap", dependencies: ["LiqsimCore"]),
        // Backtests: scenarios, the shared pass, rules, execution, sweeps, result directories, compare.
        .target(name: "LiqsimBacktest", dependencies: ["LiqsimCore", "LiqsimPipeline", "LiqsimReplay", "LiqsimRegimes", "LiqsimResults", "LiqsimHeatmap",
                                                       .product(name: "Yams", package: "Yams")], swiftSettings: hotPath),
        .executableTarget(
            name: "liqsim",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimSynth", "LiqsimPipeline", "LiqsimResults", "LiqsimBacktest", "LiqsimHeatmap", "LiqsimLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: builds a ≥1M-frame capture and times replay against `zstd -dc`.
        .executableTarget(name: "liqsim-bench", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimSynth", "LiqsimRegimes", "LiqsimBacktest"], path: "Sources/LiqsimBench"),
        .testTarget(
            name: "LiqsimTests",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimSynth", "LiqsimPipeline", "LiqsimResults", "LiqsimRegimes",
                "LiqsimBacktest", "LiqsimHeatmap", "LiqsimLive", "CZstd",
                // The fault-injecting WebSocket server of the record tests (Live/FaultServer.swift).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // Live unit tests: a manual clock over EmbeddedEventLoop, WebSockets on EmbeddedChannel.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
