/// What `liqsim replay` writes to standard output (the sinks `ReplayRun` attaches).
public enum ReplayFormat: String, CaseIterable, Sendable {
    /// One human line per liquidation.
    case log
    /// One JSON object per normalized event (the machine interface).
    case jsonl
    /// Only the final summary.
    case summary
    /// A live terminal view (snapshot view, latest liquidations, sentiment and cascade risk),
    /// redrawn at most 10 times per second on a terminal; once, at the end, when piped.
    case dashboard
}
