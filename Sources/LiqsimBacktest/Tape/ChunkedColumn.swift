/// A column that grows in fixed pieces while the replay runs, then becomes one array. A
/// plain array that doubles holds its old and new storage at once when it grows (twice the
/// column, for a month of trades hundreds of MB); pieces never move, and `joined()` frees
/// each piece as soon as it is copied, so the column is held about once throughout.
struct ChunkedColumn<Element: BitwiseCopyable> {
    static var pieceSize: Int { 1 << 20 }
    private(set) var pieces: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ value: Element) {
        if pieces.isEmpty || pieces[pieces.count - 1].count == Self.pieceSize {
            pieces.append([])
            pieces[pieces.count - 1].reserveCapacity(Self.pieceSize)
        }
        pieces[pieces.count - 1].append(value)
        count += 1
    }

    var last: Element? { pieces.last?.last }

    /// Every element, in one array; the pieces are released as they are copied.
    mutating func joined() -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        for k in pieces.indices {
            out.append(contentsOf: pieces[k])
            pieces[k] = []
        }
        pieces = []
        count = 0
        return out
    }

    /// Applies `change` to every element in place (a rescale).
    mutating func update(_ change: (inout Element) -> Void) {
        for k in pieces.indices { for i in pieces[k].indices { change(&pieces[k][i]) } }
    }

    func allSatisfy(_ test: (Element) -> Bool) -> Bool { pieces.allSatisfy { $0.allSatisfy(test) } }
}
