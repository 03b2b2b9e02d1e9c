/// Quantities at price cells (cell `i` holds liquidation prices in [i·w, (i+1)·w)), dense
/// between the lowest and highest cell ever used. Cleared cells are exactly zero, so a
/// crossed ladder keeps no dust.
struct LevelLadder {
    /// Cell index of `values[0]`.
    private(set) var base = 0
    private(set) var values: [Double] = []
    /// Sum of all values.
    private(set) var total = 0.0
    /// Lowest and highest cells that may be non-zero (bounds for the crossing scans).
    private(set) var low = Int.max, high = Int.min

    var isEmpty: Bool { low > high }

    mutating func add(_ quantity: Double, at cell: Int) {
        guard quantity > 0 else { return }
        reserve(cell)
        values[cell - base] += quantity
        total += quantity
        low = min(low, cell); high = max(high, cell)
    }

    /// Clears every cell at or above `cell` (longs when the price falls to it); returns the sum removed.
    mutating func removeAtOrAbove(_ cell: Int) -> Double {
        guard !isEmpty, high >= cell else { return 0 }
        var removed = 0.0
        for i in max(cell, low)...high { removed += values[i - base]; values[i - base] = 0 }
        high = cell - 1
        while high >= low && values[high - base] == 0 { high -= 1 }
        if high < low { resetBounds() }
        total = isEmpty ? 0 : total - removed
        return removed
    }

    /// Clears every cell at or below `cell` (shorts when the price rises to it); returns the sum removed.
    mutating func removeAtOrBelow(_ cell: Int) -> Double {
        guard !isEmpty, low <= cell else { return 0 }
        var removed = 0.0
        for i in low...min(cell, high) { removed += values[i - base]; values[i - base] = 0 }
        low = cell + 1
        while low <= high && values[low - base] == 0 { low += 1 }
        if low > high { resetBounds() }
        total = isEmpty ? 0 : total - removed
        return removed
    }

    /// Multiplies every value (renormalizing a stream's lazy scale).
    mutating func multiply(by factor: Double) {
        guard !isEmpty else { return }
        for i in low...high { values[i - base] *= factor }
        total *= factor
    }

    /// Calls `body(cell, value)` for every non-zero cell, ascending.
    func forEach(_ body: (Int, Double) -> Void) {
        guard !isEmpty else { return }
        for i in low...high where values[i - base] != 0 { body(i, values[i - base]) }
    }

    private mutating func resetBounds() { low = .max; high = .min }

    /// Grows the dense range to include `cell`, with slack so growth is rare.
    private mutating func reserve(_ cell: Int) {
        if values.isEmpty {
            base = cell - 512
            values = Array(repeating: 0, count: 1024)
            return
        }
        if cell < base {
            let extra = (base - cell) + values.count / 2 + 256
            values.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            base -= extra
        } else if cell >= base + values.count {
            let extra = (cell - base - values.count + 1) + values.count / 2 + 256
            values.append(contentsOf: repeatElement(0, count: extra))
        }
    }
}
