import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimLive
import LiqsimReplay

extension Live {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: LiveCommand.serve.abstract,
            discussion: """
                Clients connect and subscribe exactly as they would on the exchange:
                  Binance  ws://HOST:PORT/binance-usdm/market/stream?streams=btcusdt@aggTrade/!forceOrder@arr
                           or {"method":"SUBSCRIBE","params":[…],"id":1}
                  Bybit    ws://HOST:PORT/bybit-linear  {"op":"subscribe","args":["tickers.BTCUSDT"]}, {"op":"ping"}
                  OKX      ws://HOST:PORT/okx-swap      {"op":"subscribe","args":[{"channel":"trades","instId":"BTC-USDT-SWAP"}]}, ping
                Each client receives only what it subscribed to (Binance: combined envelopes on
                /stream paths, bare events on /ws paths), paced by the recorded receive times. The
                replay clock starts at the first subscription. REST responses are served below the
                same prefixes (GET http://HOST:PORT/binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT);
                a query the capture cannot answer gets the venue's empty list (and a stderr line).

                On start it prints one STREAM=URL line per stream (and STREAM-rest=URL), the form
                `liqsim record --endpoint` takes. Example:
                  liqsim serve captures/real --listen 127.0.0.1:9001 --speed 50x --loop
                With --tls the URLs are wss:// and https:// (ccxt and cryptofeed: docs/live.md).

                See docs/live.md.
                """
        )

        @Argument(help: "Capture files, directories or globs.")
        var paths: [String]

        @Option(help: "HOST:PORT to listen on, e.g. 127.0.0.1:9001 (port 0 picks a free one).")
        var listen: ListenAddress = "127.0.0.1:9001"

        @Option(help: "Pacing: a factor such as 1x, 50x, 0.5x (capture time per wall time) or max.")
        var speed: ReplaySpeed = .factor(1)

        @Flag(help: "Start over at the end of the capture.")
        var loop = false

        @Flag(help: "Serve wss:// and https:// with a certificate made at start (its path is printed on stderr; give it to clients as their CA file).")
        var tls = false

        @Option(help: "Serve wss:// and https:// with this certificate (PEM; with --tls-key).")
        var tlsCert: String?

        @Option(help: "The private key (PEM) of --tls-cert.")
        var tlsKey: String?

        @Option(help: "Close a connection without a complete request this long after connecting.")
        var handshakeTimeout: DurationArg = "10s"

        @Option(help: "Close a client heard from in none of this time (serve pings every third of it).")
        var idleTimeout: DurationArg = "120s"

        @Option(help: "Drop (close 1008) a client whose socket buffer stays full this long; until then its stream waits.")
        var slowClientTimeout: DurationArg = "5s"

        func validate() throws {
            if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
            if tls && tlsCert != nil { throw ValidationError("--tls makes its own certificate; give either --tls or --tls-cert/--tls-key") }
        }

        func run() async throws {
            let files = try resolveCaptures(paths)
            var options = ServeOptions(paths: files, host: listen.host, port: listen.port)
            options.speed = speed
            options.loop = loop
            if tls { options.tls = .generated }
            if let tlsCert, let tlsKey { options.tls = .files(certificate: tlsCert, key: tlsKey) }
            options.limits.handshakeTimeout = handshakeTimeout.duration
            options.limits.idleTimeout = idleTimeout.duration
            options.limits.slowClientTimeout = slowClientTimeout.duration
            let server: ExchangeServer
            do { server = try ExchangeServer(options: options) } catch let e as CaptureError {
                throw CLIFailure.input(e.description)
            } catch let e as ServeTLSError { throw CLIFailure.input(e.message) }
            guard !server.streams.isEmpty else { throw CLIFailure.input("\(files.joined(separator: ", ")): no exchange streams to serve") }
            let lines: [String]
            do {
                lines = try await server.start()
            } catch let e as ServeTLSError {
                throw CLIFailure.input(e.message)
            } catch {
                throw CLIFailure.runtime("cannot listen on \(listen.text): \(error) (is another server using the port?)")
            }
            // Before the endpoints are printed: a supervisor may send SIGTERM as soon as it reads
            // them, and that must stop serve cleanly (exit 0), not kill it. (`stop` before
            // `wait` is fine: `wait` then returns at once.)
            let signals = SignalWatch { _ in server.stop() }
            defer { signals.cancel() }
            if let cert = server.certificatePath { printError("liqsim serve: TLS certificate (CA file for clients): \(cert)\n") }
            // The generated certificate lives as long as serve does.
            defer { if let cert = server.certificatePath { try? FileManager.default.removeItem(atPath: (cert as NSString).deletingLastPathComponent) } }
            try writeStandardOutput(lines.joined(separator: "\n") + "\n")
            try await server.wait()
        }
    }
}
