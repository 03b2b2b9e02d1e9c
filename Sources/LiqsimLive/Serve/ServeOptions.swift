import LiqsimCore
import LiqsimReplay

/// What `liqsim serve` was asked to do.
public struct ServeOptions: Sendable {
    public var paths: [String]
    public var host: String
    /// 0 picks a free port (the printed URLs name it).
    public var port: Int
    public var speed: ReplaySpeed = .factor(1)
    public var loop = false

    public init(paths: [String], host: String, port: Int) {
        self.paths = paths; self.host = host; self.port = port
    }
}
