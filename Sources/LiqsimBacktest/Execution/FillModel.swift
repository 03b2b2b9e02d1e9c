/// When and at what traded price the decision taken at each bar close fills (docs/strategies.md,
/// "Execution"). A schedule depends only on the tape and the model, so the shared pass
/// computes it once per symbol and distinct model (the model is the cache key) and every run
/// with that model shares it. Default: `LatencyFill`.
public protocol FillModel: Sendable, Hashable {
    func schedule(_ tape: SymbolTape) -> FillSchedule
}
