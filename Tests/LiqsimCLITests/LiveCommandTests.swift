import ArgumentParser
import LiqsimCLI
import Testing
@testable import liqsim
@testable import liqsim_live

/// Which command lines `liqsim` hands to `liqsim-live`, and that both list the same commands.
@Suite("live commands")
struct LiveCommandTests {
    @Test func commandLinesHandedToLiqsimLive() {
        let cases: [([String], LiveCommand?)] = [
            (["record"], .record), (["record", "--help"], .record), (["serve", "c.lqc.zst", "--tls"], .serve),
            (["fetch", "binance-vision", "--symbols", "BTCUSDT"], .fetch), (["help", "serve"], .serve), (["help", "fetch", "binance-vision"], .fetch),
            ([], nil), (["help"], nil), (["--help"], nil), (["--version"], nil), (["replay", "record"], nil), (["help", "replay"], nil),
            (["Record"], nil), (["recorder"], nil), (["capture", "import", "serve"], nil),
        ]
        for (args, command) in cases { #expect(LiveCommand.named(in: args) == command, "\(args)") }
    }

    @Test func theMissingBinaryMessageNamesTheBuild() {
        #expect(LiveCommand.record.missingExecutableMessage(directory: "/opt/liqsim/.build/x86_64-unknown-linux-gnu/release")
                == "liqsim record runs /opt/liqsim/.build/x86_64-unknown-linux-gnu/release/liqsim-live, which is not built; "
                + "build it with: make release, or swift build -c release --product liqsim-live")
        #expect(LiveCommand.serve.missingExecutableMessage(directory: "/w/.build/x86_64-unknown-linux-gnu/debug")
                == "liqsim serve runs /w/.build/x86_64-unknown-linux-gnu/debug/liqsim-live, which is not built; build it with: make build, or swift build --product liqsim-live")
    }

    /// `liqsim --help` lists exactly liqsim-live's commands under their names and abstracts.
    @Test func bothBinariesListTheSameLiveCommands() {
        let live = Live.configuration.subcommands
        #expect(live.map { $0._commandName } == LiveCommand.allCases.map(\.rawValue))
        #expect(live.map { $0.configuration.abstract } == LiveCommand.allCases.map(\.abstract))
        let listed = Liqsim.configuration.subcommands.filter { LiveCommand(rawValue: $0._commandName) != nil }
        #expect(Set(listed.map { $0._commandName }) == Set(LiveCommand.allCases.map(\.rawValue)))
        #expect(listed.allSatisfy { $0.configuration.abstract == LiveCommand(rawValue: $0._commandName)?.abstract })
    }
}
