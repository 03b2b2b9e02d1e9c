import LiqsimCapture
import LiqsimCore

/// One capture file as a stream of records, positioned by the index at `from`.
final class RecordSource {
    let fileIndex: Int
    let reader: CaptureReader
    let scanner: BlockScanner
    private var cursor: RecordCursor?
    private let from: Int64
    private let to: Int64
    /// The record at the head of this source (valid until `advance()`).
    private(set) var head: RawRecord?
    private(set) var outOfOrder = 0

    init(path: String, fileIndex: Int, from: UnixNanos?, to: UnixNanos?, skipCorrupt: Bool) throws {
        self.fileIndex = fileIndex
        reader = try CaptureReader(path: path)
        self.from = from?.rawValue ?? .min
        self.to = to?.rawValue ?? .max
        var start: BlockInfo?
        if from != nil {
            let index = try reader.index()
            start = index.firstBlock(notBefore: self.from)
            if start == nil && index.tail == nil && index.fromFooter { head = nil; scanner = reader.scanner(skipCorrupt: skipCorrupt); finished = true; return }
        }
        scanner = reader.scanner(startingAt: start, skipCorrupt: skipCorrupt)
        try advance()
    }

    private var finished = false
    private var lastRecv: Int64 = .min

    /// Moves to the next record within [from, to]; `head` is nil at the end.
    func advance() throws {
        head = nil
        guard !finished else { return }
        while true {
            if let r = cursor?.next() {
                let t = r.recv.rawValue
                if t < lastRecv { outOfOrder += 1 }
                lastRecv = max(lastRecv, t)
                if t < from { continue }
                if t > to { finished = true; return }
                head = r
                return
            }
            guard let block = try scanner.nextBlock() else { finished = true; return }
            cursor = block.records
        }
    }
}

/// Merges sources by (receive time, file order, record sequence) with a binary heap.
struct RecordMerger {
    private var heap: [RecordSource] = []

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

    /// The source holding the next record.
    @inline(__always) var top: RecordSource? { heap.first }

    /// Re-positions the top source after it advanced (removing it when exhausted).
    mutating func topAdvanced() {
        if heap[0].head == nil {
            let last = heap.removeLast()
            if heap.isEmpty { return }
            heap[0] = last
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
