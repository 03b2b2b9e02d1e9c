import LiqsimCore

/// manifest.json: what produced a result directory — scenario (file, SHA-256, text),
/// inputs with their SHA-256, grid, shard, liqsim version — and the results' digest.
/// Decoded with `JSONDecoder`; written by `json` in a fixed layout (docs/metrics.md).
public struct Manifest: Codable, Sendable, Equatable {
    public struct Scenario: Codable, Sendable, Equatable {
        public var name: String
        public var file = "", sha256 = ""
        /// The scenario file's text as the backtest read it.
        public var text: String?

        public init(name: String, file: String, sha256: String, text: String?) {
            self.name = name; self.file = file; self.sha256 = sha256; self.text = text
        }
    }

    public struct Input: Codable, Sendable, Equatable {
        public var path: String, bytes: Int, sha256: String
        public init(path: String, bytes: Int, sha256: String) { self.path = path; self.bytes = bytes; self.sha256 = sha256 }
    }

    /// One grid axis value: a number, a flag or a word.
    public enum Value: Codable, Sendable, Equatable {
        case number(Double), flag(Bool), text(String)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Double.self) { self = .number(v) } else if let b = try? c.decode(Bool.self) { self = .flag(b) } else {
                self = .text(try c.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let v): try c.encode(v)
            case .flag(let b): try c.encode(b)
            case .text(let s): try c.encode(s)
            }
        }
    }

    public struct Axis: Codable, Sendable, Equatable {
        public var name: String, values: [Value]
        public init(name: String, values: [Value]) { self.name = name; self.values = values }
    }

    public struct Grid: Codable, Sendable, Equatable {
        public var points: Int, axes: [Axis]
        public init(points: Int, axes: [Axis]) { self.points = points; self.axes = axes }
    }

    public var liqsimVersion: String
    public var scenario: Scenario
    public var inputs: [Input]
    public var grid: Grid
    /// `I/N`; `0/1` for a whole grid.
    public var shard: String
    public var runs: Int, jobs: Int
    /// The run stamp, `20260101T000000Z`.
    public var created: String
    /// SHA-256 of runs.csv, trades.csv and equity.csv (each after its name and a newline).
    public var digest: String
    /// Liquidation totals that are lower bounds (Binance's one-per-second snapshot), per
    /// symbol and capped exchange; empty when no such venue liquidated.
    public var lowerBounds: [LowerBound] = []
    /// The scenario's bar in seconds (0: not recorded): what annualises the Sharpe ratios,
    /// so `compare` can deflate them again over merged shards.
    public var barSeconds = 0

    public init(liqsimVersion: String = LiqsimVersion.current, scenario: Scenario, inputs: [Input], grid: Grid, shard: String,
                runs: Int, jobs: Int, created: String, digest: String) {
        self.liqsimVersion = liqsimVersion; self.scenario = scenario; self.inputs = inputs; self.grid = grid
        self.shard = shard; self.runs = runs; self.jobs = jobs; self.created = created; self.digest = digest
    }

    enum CodingKeys: String, CodingKey {
        case liqsimVersion = "liqsim_version", scenario, inputs, grid, shard, runs, jobs, created, digest, barSeconds = "bar_seconds"
        case lowerBounds = "lower_bounds"
    }

    /// Only the scenario's name is required: manifests of older liqsim versions read with
    /// defaults for what they lack.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        liqsimVersion = try c.decodeIfPresent(String.self, forKey: .liqsimVersion) ?? ""
        scenario = try c.decode(Scenario.self, forKey: .scenario)
        inputs = try c.decodeIfPresent([Input].self, forKey: .inputs) ?? []
        grid = try c.decodeIfPresent(Grid.self, forKey: .grid) ?? Grid(points: 0, axes: [])
        shard = try c.decodeIfPresent(String.self, forKey: .shard) ?? "0/1"
        runs = try c.decodeIfPresent(Int.self, forKey: .runs) ?? 0
        jobs = try c.decodeIfPresent(Int.self, forKey: .jobs) ?? 0
        created = try c.decodeIfPresent(String.self, forKey: .created) ?? ""
        digest = try c.decodeIfPresent(String.self, forKey: .digest) ?? ""
        lowerBounds = try c.decodeIfPresent([LowerBound].self, forKey: .lowerBounds) ?? []
        barSeconds = try c.decodeIfPresent(Int.self, forKey: .barSeconds) ?? 0
    }

    /// The facts results.sqlite's `manifest` table holds, as key/value text.
    public var pairs: [(String, String)] {
        [("liqsim_version", liqsimVersion), ("scenario", scenario.name), ("scenario_sha256", scenario.sha256),
         ("grid_points", String(grid.points)), ("shard", shard), ("runs", String(runs)), ("created", created), ("digest", digest)]
    }
}

extension Manifest.Scenario {
    enum CodingKeys: String, CodingKey { case name, file, sha256, text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        file = try c.decodeIfPresent(String.self, forKey: .file) ?? ""
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256) ?? ""
        text = try c.decodeIfPresent(String.self, forKey: .text)
    }
}
