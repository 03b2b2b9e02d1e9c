import Foundation
import Testing
import LiqsimResultFiles

/// Result files written through one buffer and hashed as they go: the bytes and the digest
/// are those of the files written whole (`FileDigest.sha256(files:)`).
@Suite("Digested result files")
struct DigestedFilesTests {
    @Test func streamedFilesHaveTheWholeFilesBytesAndDigest() throws {
        let tmp = try TempDir()
        let big = (0..<2_700_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }   // 2.6 chunks
        let expected: [(name: String, bytes: [UInt8])] = [("runs.csv", Array("run,x\n0,1\n".utf8)), ("empty.csv", []), ("equity.csv", big)]
        let files = DigestedFiles(directory: tmp.url.path)
        try files.file("runs.csv", expected[0].bytes)
        try files.file("empty.csv", [])
        try files.begin("equity.csv")
        for start in stride(from: 0, to: big.count, by: 70_001) {
            files.buffer += big[start..<min(start + 70_001, big.count)]
            try files.drainIfFull()
        }
        try files.end()
        #expect(files.finalizeHex() == FileDigest.sha256(files: expected))
        for (name, bytes) in expected {
            #expect(FileManager.default.contents(atPath: tmp.path(name)).map { [UInt8]($0) } == bytes, "\(name)")
        }
    }

    @Test func aFileThatCannotBeWrittenIsNamed() throws {
        let tmp = try TempDir()
        let files = DigestedFiles(directory: tmp.path("missing"))
        do {
            try files.file("runs.csv", [1, 2, 3])
            Issue.record("a missing directory must fail")
        } catch let error as ResultFileError {
            #expect(error.path == tmp.path("missing") + "/runs.csv" && error.reason == "No such file or directory")
        }
    }
}
