/// Parses durations such as `250ms`, `1s`, `5m`, `1h`, `1d` (also `1.5s`) into nanoseconds.
public enum DurationArgument {
    public static func parse(_ text: String) -> UnixNanos? {
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9), ("d", 86_400e9)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            // Beyond ~292 years of nanoseconds Int64 would trap: such a duration is refused.
            guard let v = Double(number), v.isFinite, v > 0, v * scale < 9.2e18 else { continue }
            return UnixNanos(Int64(v * scale))
        }
        return nil
    }
}
