import LiqsimCore

/// One capture file as a stream of records in [from, to].
///
/// With `--from`, the index positions reading at the first block that can hold records
/// at or after `from`. State that later frames depend on (REST responses such as OKX
/// instruments, subscriptions, connects) is not skipped: those records of earlier
/// blocks, and of the start block before `from`, are delivered first as *warm-up*
/// records (`recv < from`), which the session feeds to the normalizer without emitting.
final class RecordSource {
    let fileIndex: Int
    let reader: CaptureReader
    let scanner: BlockScanner
    private var cursor: RecordCursor?
    private let from: Int64
    private let to: Int64
    /// Blocks before the start block that hold state records, read first.
    private var warmUpBlocks: [BlockInfo] = []
    private var startBlock: BlockInfo?
    private var inWarmUpBlock = false
    /// Read-ahead for the sequential phase (after any warm-up seeks).
    private let readAhead: Bool
    private var prefetcher: BlockPrefetcher?
    private var finished = false
    private var lastRecv: Int64 = .min
    /// The record at the head of this source (valid until `advance()`).
    private(set) var head: RawRecord?
    private(set) var outOfOrder = 0

    /// Opens the file (errors here mean nothing was replayed yet).
    init(path: String, fileIndex: Int, from: UnixNanos?, to: UnixNanos?, skipCorrupt: Bool, readAhead: Bool = false) throws {
        self.fileIndex = fileIndex
        self.readAhead = readAhead
        reader = try CaptureReader(path: path)
        self.from = from?.rawValue ?? .min
        self.to = to?.rawValue ?? .max
        scanner = reader.scanner(skipCorrupt: skipCorrupt)
        guard from != nil else { return }
        let index = try reader.index()
        guard let first = index.firstBlock(notBefore: self.from) else {
            // Everything indexed is before `from`; a rebuilt index may have stopped at damage, so read on after it.
            warmUpBlocks = index.blocks.filter(\.hasStateRecords)
            if index.fromFooter && index.tail == nil { finished = warmUpBlocks.isEmpty; startBlock = nil } else if let last = index.blocks.last { startBlock = last }
            return
        }
        warmUpBlocks = index.blocks.prefix { $0.offset < first.offset }.filter(\.hasStateRecords)
        startBlock = first
    }

    /// Reads the first record. Damage met here is reported like damage met later.
    func start() throws {
        if let first = warmUpBlocks.first ?? startBlock { scanner.seek(to: first) }
        try advance()
    }

    /// Moves to the next record; `head` is nil at the end.
    func advance() throws {
        head = nil
        while !finished {
            if let r = cursor?.next() {
                let t = r.recv.rawValue
                if inWarmUpBlock || t < from {
                    if t < from && RecordSource.isState(r.kindByte) { head = r; return }
                    continue
                }
                if t < lastRecv { outOfOrder += 1 }
                lastRecv = t
                if t > to { finished = true; return }
                head = r
                return
            }
            try nextBlock()
        }
    }

    private func nextBlock() throws {
        if !warmUpBlocks.isEmpty {
            let block = warmUpBlocks.removeFirst()
            scanner.seek(to: block)
            if let decoded = try scanner.nextBlock() {
                inWarmUpBlock = true
                cursor = decoded.records
                return
            }
        }
        if inWarmUpBlock {
            inWarmUpBlock = false
            guard let start = startBlock else { finished = true; cursor = nil; return }
            scanner.seek(to: start)
        }
        if readAhead && prefetcher == nil { prefetcher = BlockPrefetcher(scanner) }
        guard let block = try prefetcher?.nextBlock() ?? scanner.nextBlock() else { finished = true; cursor = nil; return }
        cursor = block.records
    }

    /// Stops read-ahead; the scanner's counters are final afterwards.
    func finish() {
        prefetcher?.stop()
        finished = true
    }

    static func isState(_ kind: UInt8) -> Bool {
        kind == RecordKind.rest.rawValue || kind == RecordKind.sent.rawValue || kind == RecordKind.connect.rawValue
    }
}

/// Merges sources by (receive time, file order, record sequence) with a binary heap.
struct RecordMerger {
    private var heap: [RecordSource] = []

    /// Sources must have been started (`start()`).
    init(_ sources: [RecordSource]) {
        for s in sources where s.head != nil { push(s) }
    }

    var isEmpty: Bool { heap.isEmpty }

    @inline(__always)
    static func before(_ a: RecordSource, _ b: RecordSource) -> Bool {
        let x = a.head!, y = b.head!
        if x.recv != y.recv { return x.recv < y.recv }
        if a.fileIndex != b.fileIndex { return a.fileIndex < b.fileIndex }
        return x.seq < y.seq
    }

    /// The next record and its file's position (read in place: no reference to the source
    /// leaves the heap on the per-record path).
    @inline(__always) var topHead: (RawRecord, Int)? {
        guard !heap.isEmpty, let head = heap[0].head else { return nil }
        return (head, heap[0].fileIndex)
    }

    /// Advances the top source and re-positions it.
    @inline(__always) mutating func advanceTop() throws {
        try heap[0].advance()
        topAdvanced()
    }

    /// Re-positions the top source after it advanced (removing it when exhausted). A single
    /// source (one file, the common case) has nothing to re-sort.
    @inline(__always) mutating func topAdvanced() {
        if heap[0].head == nil {
            let last = heap.removeLast()
            if heap.isEmpty { return }
            heap[0] = last
        } else if heap.count == 1 {
            return
        }
        siftDown(0)
    }

    private mutating func push(_ s: RecordSource) {
        heap.append(s)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && Self.before(heap[l], heap[m]) { m = l }
            if r < heap.count && Self.before(heap[r], heap[m]) { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
