import ArgumentParser
import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimLive
import LiqsimReplay

extension Liqsim {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-broadcast captures as the exchanges' own WebSocket protocols (and their REST responses).",
            discussion: """
                Clients connect and subscribe exactly as they would on the exchange:
                  Binance  ws://HOST:PORT/binance-usdm/market/stream?streams=btcusdt@aggTrade/!forceOrder@arr
                           or {"method":"SUBSCRIBE","params":[…],"id":1}
                  Bybit    ws://HOST:PORT/bybit-linear  {"op":"subscribe","args":["tickers.BTCUSDT"]}, {"op":"ping"}
                  OKX      ws://HOST:PORT/okx-swap      {"op":"subscribe","args":[{"channel":"trades","instId":"BTC-USDT-SWAP"}]}, ping
                Each client receives only what it subscribed to, with the recorded bytes unchanged,
                paced by the recorded receive times. The replay clock starts when the first client
                subscribes. REST responses are served below the same prefixes
                (GET http://HOST:PORT/binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT).

                On start it prints one STREAM=URL line per stream (and STREAM-rest=URL), the form
                `liqsim record --endpoint` takes. Example:
                  liqsim serve captures/real --listen 127.0.0.1:9001 --speed 50x --loop

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

        func run() async throws {
            let files = try resolveCaptures(paths)
            var options = ServeOptions(paths: files, host: listen.host, port: listen.port)
            options.speed = speed
            options.loop = loop
            let server: ExchangeServer
            do { server = try ExchangeServer(options: options) } catch let e as CaptureError { throw CLIFailure.input(e.description) }
            guard !server.streams.isEmpty else { throw CLIFailure.input("\(files.joined(separator: ", ")): no exchange streams to serve") }
            let lines: [String]
            do {
                lines = try await server.start()
            } catch {
                throw CLIFailure.runtime("cannot listen on \(listen.text): \(error) (is another server using the port?)")
            }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            let signals = SignalWatch { _ in server.stop() }
            defer { signals.cancel() }
            try await server.wait()
        }
    }
}
