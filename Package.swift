// swift-tools-version:6.0
import PackageDescription

// Data flows one way (docs/architecture.md): capture → ReplayEngine → AnalysisLoop → sinks.
// Each target declares exactly what its files import; `make lint` (scripts/imports.py) and CI's
// `--explicit-target-dependency-import-check error` hold the graph.
// The replay hot loop touches class-held buffers per frame; runtime exclusivity checks
// cost ~17% of replay time (perf, 1M frames); the result writing (results.sqlite's binds, equity.csv's
// bytes) is the other hot loop users wait for. Debug builds (and so `make test`) keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "liqsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liqsim", targets: ["liqsim"]),
        // `record`, `serve`, `fetch`: the NIO + TLS stack (~60% of a clean release build) in its own
        // binary; `liqsim record|serve|fetch` execs it (docs/architecture.md), so `make demo` builds without it.
        .executable(name: "liqsim-live", targets: ["liqsim-live"]),
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
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "LiqsimCore", dependencies: ["COpenSSL"], swiftSettings: hotPath),
        .target(name: "LiqsimCapture", dependencies: ["LiqsimCore", "CZstd"], swiftSettings: hotPath),
        .target(name: "LiqsimExchanges", dependencies: ["LiqsimCore"], swiftSettings: hotPath),
        // The replay engine: merge, warm-up, pace, normalize, filter → one ReplaySink.
        .target(name: "LiqsimReplay", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges"], swiftSettings: hotPath),
        // The one analysis loop (pipeline → sinks: JSON lines + digest, log, dashboard, snapshot store) and validate.
        .target(name: "LiqsimSession", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimPipeline", "LiqsimStore"], swiftSettings: hotPath),
        // Windows, views, bars, sentiment, cascade detection over normalized events.
        .target(name: "LiqsimPipeline", dependencies: ["LiqsimCore"], swiftSettings: hotPath),
        // Trend and volatility regressions over BLAS/LAPACK (rolling OLS, realized-volatility z, HAR-RV).
        .target(name: "LiqsimRegimes", dependencies: ["COpenBLAS"], swiftSettings: hotPath),
        // The SQLite wrapper: connections, statements with named binds, rows, the schema migrator.
        .target(name: "LiqsimSQLite", dependencies: ["CSQLite"], swiftSettings: hotPath),
        // The snapshot store (`replay --db`, `record --db`, `liqsim db`): schema, rows, recorder.
        .target(name: "LiqsimStore", dependencies: ["LiqsimCore", "LiqsimPipeline", "LiqsimSQLite"]),
        // The result directory: manifest, runs.csv, results.sqlite schema, the CSV codec, reading a directory back.
        .target(name: "LiqsimResultFiles", dependencies: ["LiqsimCore", "LiqsimSQLite"], swiftSettings: hotPath),
        // Reads result directories: report.html (script and style in Resources/, embedded at build time) and the compare table.
        .target(name: "LiqsimReport", dependencies: ["LiqsimCore", "LiqsimResultFiles", "LiqsimHeatmap"],
                resources: [.embedInCode("Resources/report.js"), .embedInCode("Resources/report.css")]),
        // YAML input files (backtest and synth scenarios): the node tree, known keys, errors at
        // file:line:column. The only target that imports Yams (the tests aside).
        .target(name: "LiqsimYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // `liqsim synth`: deterministic leveraged-market generator writing exchange-native frames.
        .target(name: "LiqsimSynth", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimYAML"]),
        // `liqsim record` / `liqsim serve`: exchange WebSocket sessions, REST pollers, resilience,
        // the recorder, and a capture re-broadcast as the exchanges' own protocols.
        .target(
            name: "LiqsimLive",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimSession",
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: hotPath
        ),
        // `liqsim import`: Binance Vision zips and Tardis files → ordinary captures, one per day (docs/history.md).
        .target(name: "LiqsimImport", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "CZlib"]),
        // `liqsim heatmap`: estimated liquidation levels from trades and open interest, grid and SVG.
        // hotPath: the backtest's shared pass feeds it every trade and open-interest reading.
        .target(name: "LiqsimHeatmap", dependencies: ["LiqsimCore"], swiftSettings: hotPath),
        // Backtests: scenarios, the shared pass, rules, execution, sweeps, writing result directories.
        .target(name: "LiqsimBacktest", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimPipeline", "LiqsimReplay", "LiqsimSession", "LiqsimRegimes", "LiqsimResultFiles", "LiqsimHeatmap",
                                                       "LiqsimYAML"], swiftSettings: hotPath),
        .executableTarget(
            name: "liqsim",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimReplay", "LiqsimSession", "LiqsimSynth", "LiqsimPipeline", "LiqsimStore", "LiqsimResultFiles", "LiqsimReport", "LiqsimBacktest", "LiqsimHeatmap", "LiqsimImport", "LiqsimCLI", "LiqsimRegimes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The command layer both executables share (no NIO): option value types, exit codes, stdout, progress.
        .target(name: "LiqsimCLI", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimReplay", "LiqsimImport",
                                                  .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "liqsim-live",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimReplay", "LiqsimStore", "LiqsimImport", "LiqsimLive", "LiqsimCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: builds a ≥1M-frame capture and times replay against `zstd -dc`.
        .executableTarget(name: "liqsim-bench", dependencies: ["LiqsimCore", "LiqsimCapture", "LiqsimSynth", "LiqsimRegimes", "LiqsimBacktest",
                                                        "LiqsimReplay", "LiqsimSession", "LiqsimPipeline", "LiqsimReport", "LiqsimResultFiles", "LiqsimSQLite"], path: "Sources/LiqsimBench"),
        // The command line parsed in-process: typed options, validate(), messages and exit codes.
        .testTarget(
            name: "LiqsimCLITests",
            dependencies: [
                "liqsim", "liqsim-live", "LiqsimCLI", "LiqsimCore", "LiqsimReplay", "LiqsimSession", "LiqsimLive", "LiqsimBacktest", "LiqsimHeatmap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LiqsimTests",
            dependencies: [
                "LiqsimCore", "LiqsimCapture", "LiqsimExchanges", "LiqsimReplay", "LiqsimSession", "LiqsimSynth", "LiqsimPipeline", "LiqsimRegimes",
                "LiqsimSQLite", "LiqsimStore", "LiqsimResultFiles", "LiqsimReport", "LiqsimBacktest", "LiqsimHeatmap", "LiqsimLive", "LiqsimImport",
                // The fault-injecting WebSocket server of the record tests (Live/FaultServer.swift).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // Live unit tests: a manual clock over EmbeddedEventLoop, WebSockets on EmbeddedChannel.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
                // The scenario mutation campaign walks the parsed YAML of the bundled scenarios;
                // and deploy/k8s-backtest.yaml parsed structurally (Import/KubernetesManifestTests.swift).
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
