import Foundation

/// The write end of `SignalWatch`'s pipe, for the C signal handler (which can capture
/// nothing). Set before the handler is installed, so the handler never initializes it.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1

/// SIGINT/SIGTERM delivered to a handler on a background queue instead of killing the
/// process, so the command can close its files cleanly — from the moment `init` returns.
/// A C handler (`sigaction`, installed at once) writes the signal's number to a pipe, and a
/// dispatch source reads it; a signal that comes before that source is armed waits in the
/// pipe. (A dispatch signal source alone is armed asynchronously, and on Linux a signal set to
/// be ignored in the meantime is lost: under load, serve ignored a supervisor's SIGTERM sent
/// as soon as it printed its endpoints.) After `cancel`, the signals are caught and dropped.
final class SignalWatch: @unchecked Sendable {
    private let reader: any DispatchSourceRead
    private let readEnd: Int32

    init(_ handler: @escaping @Sendable (String) -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("liqsim: cannot make a pipe for signals: \(String(cString: strerror(errno)))") }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        readEnd = ends[0]
        signalPipeWrite = ends[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            // Async-signal-safe: one write(2) of one byte (a full pipe drops it: a signal
            // already waits there), and errno as the interrupted code left it.
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: number)
            _ = withUnsafeMutablePointer(to: &byte) { write(signalPipeWrite, $0, 1) }
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for number in [SIGINT, SIGTERM] { sigaction(number, &action, nil) }
        let readEnd = self.readEnd
        reader = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        reader.setEventHandler {
            var bytes = [UInt8](repeating: 0, count: 16)
            while true {
                let n = bytes.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                for b in bytes.prefix(n) { handler(Int32(b) == SIGTERM ? "SIGTERM" : "SIGINT") }
            }
        }
        reader.resume()
    }

    func cancel() { reader.cancel() }
}
