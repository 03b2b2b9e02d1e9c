import ArgumentParser

/// `HOST:PORT` to listen on (`127.0.0.1:9001`, `[::1]:0`); port 0 picks a free one.
package struct ListenAddress: TypedArgument, Equatable {
    /// Without IPv6 brackets.
    package var host: String
    package var port: Int
    package var text: String

    package init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), let port = Int(argument[argument.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(argument[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = port
        text = argument
    }
}
