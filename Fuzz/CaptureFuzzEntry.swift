// libFuzzer entry point over the capture reader (see Fuzz/README.md, "The capture reader").
//
// One input is one capture file. It is written to a scratch file, then opened, indexed,
// scanned block by block with and without skip-corrupt, checked as `capture check` does,
// and read through `CaptureMerge` from the middle of its indexed time span (the `--from`
// path: index, warm-up blocks, seek). Any trap is a crash; so is a record whose receive
// time the reader let through outside ±2^62 ns, or a skipped-record count that cannot be.

import Glibc
import LiqsimCapture
import LiqsimCore

nonisolated(unsafe) let scratch = "/tmp/liqsim-fuzz-capture-\(getpid()).lqc.zst"

@_cdecl("LLVMFuzzerTestOneInput")
public func liqsimCaptureFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return 0 }
    var done = 0
    while done < size {
        let n = write(fd, data + done, size - done)
        if n <= 0 { break }
        done += n
    }
    close(fd)
    exercise(scratch, size: UInt64(size))
    return 0
}

func checkRecord(_ r: RawRecord) {
    precondition(CaptureLayout.isPlausibleRecv(r.recv.rawValue), "a record at \(r.recv.rawValue) ns passed the reader")
}

func exercise(_ path: String, size: UInt64) {
    guard let reader = try? CaptureReader(path: path) else { return }
    var from: UnixNanos?
    if let index = try? reader.index() {
        _ = index.records
        if let a = index.firstRecv, let b = index.lastRecv { from = UnixNanos(a / 2 + b / 2) }
        _ = index.tail?.description
    }
    for skip in [false, true] {
        let scanner = reader.scanner(skipCorrupt: skip)
        var records: UInt64 = 0
        while let block = try? scanner.nextBlock() {
            var cursor = block.records
            while let r = cursor.next() { checkRecord(r); records += 1 }
        }
        // A block holds fewer records than it has raw bytes, so what was lost is bounded too.
        precondition(scanner.skipped.allSatisfy { ($0.records ?? 0) <= size &* 4096 }, "skipped-record count out of bounds")
        _ = scanner.truncatedTail?.description
    }
    if let check = try? CaptureCheck.run(path: path) { _ = check.isClean }
    guard let merge = try? CaptureMerge(paths: [path], from: from, skipCorrupt: true) else { return }
    while let item = try? merge.next() { checkRecord(item.record) }
    merge.finish()
    _ = merge.damage.map(\.skipped.count)
}
