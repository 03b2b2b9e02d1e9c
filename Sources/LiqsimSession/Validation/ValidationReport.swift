import LiqsimCore

/// One occurrence of a finding: where it is (receive time, file, record sequence) and what.
public struct FindingExample: Sendable, Equatable {
    public var recv: UnixNanos
    public var file: String
    /// Position of the record in its file (0-based), as `capture cat` numbers them.
    public var seq: UInt64
    public var detail: String

    public init(recv: UnixNanos, file: String, seq: UInt64, detail: String) {
        self.recv = recv; self.file = file; self.seq = seq; self.detail = detail
    }
}

/// How often one kind of problem occurred, with the first few occurrences.
public struct Finding: Sendable, Equatable {
    public static let maxExamples = 3
    public var count = 0
    public var examples: [FindingExample] = []

    public init() {}

    mutating func add(_ example: FindingExample) {
        count += 1
        if examples.count < Finding.maxExamples { examples.append(example) }
    }
}

/// A stream and symbol. `-` stands for "none": records of no stream, and findings about a
/// whole stream rather than one symbol (gaps, duplicates of frames without events, …).
public struct StreamSymbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let none = "-"
    public var stream: String
    public var symbol: String

    public init(_ stream: String, _ symbol: String = StreamSymbol.none) {
        self.stream = stream; self.symbol = symbol
    }

    public static func < (a: StreamSymbol, b: StreamSymbol) -> Bool { (a.stream, a.symbol) < (b.stream, b.symbol) }
    public var description: String { stream + " " + symbol }
}

/// What `liqsim validate` found, per stream and symbol.
public struct ValidationReport: Sendable, Equatable {
    public var files: [String] = []
    public var options = ValidationOptions()
    public var records = 0
    public var events = 0
    public var firstRecv: UnixNanos?
    public var lastRecv: UnixNanos?
    public var findings: [StreamSymbol: [FindingKind: Finding]] = [:]
    /// Seconds that had a Binance liquidation, per symbol: lower bounds on the number of
    /// liquidations, since Binance pushes at most one per symbol per second.
    public var binanceLiquidationSeconds: [String: Int] = [:]

    public init() {}

    mutating func add(_ kind: FindingKind, _ key: StreamSymbol, _ example: FindingExample) {
        findings[key, default: [:]][kind, default: Finding()].add(example)
    }

    /// The finding of one kind for one stream+symbol (an empty finding when there is none).
    public func finding(_ kind: FindingKind, _ stream: String, _ symbol: String = StreamSymbol.none) -> Finding {
        findings[StreamSymbol(stream, symbol)]?[kind] ?? Finding()
    }

    /// All occurrences of one kind, over every stream and symbol.
    public func total(_ kind: FindingKind) -> Int {
        findings.values.reduce(0) { $0 + ($1[kind]?.count ?? 0) }
    }

    /// All occurrences of every kind.
    public var problemCount: Int { findings.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }

    public var isClean: Bool { problemCount == 0 }

    /// (stream+symbol, kind, finding) in table order: by stream, symbol, then kind.
    public var sortedFindings: [(StreamSymbol, FindingKind, Finding)] {
        findings.keys.sorted().flatMap { key in
            findings[key]!.keys.sorted().map { (key, $0, findings[key]![$0]!) }
        }
    }

    /// Occurrences per kind over all streams, kinds without any left out.
    public var totalsByKind: [(FindingKind, Int)] {
        FindingKind.allCases.map { ($0, total($0)) }.filter { $0.1 > 0 }
    }
}
