import ArgumentParser
import Foundation
import LiqsimCore

/// What the commands write to stdout, unbuffered: a closed pipe (`| head`; EPIPE, since
/// SIGPIPE is ignored) ends the command at once with exit 1, as `replay` does.
package func writeStandardOutput(_ text: String) throws {
    fflush(nil)   // after anything print() buffered
    let buffer = OutputBuffer(capacity: text.utf8.count)
    buffer.append(string: text)
    if !buffer.write(to: STDOUT_FILENO) { throw ExitCode(1) }
}

/// For print(): true when flushing failed or stdout is a pipe its reader closed (the
/// write end then polls as an error), so such a command exits 1 instead of 0.
package func standardOutputFailed() -> Bool {
    if fflush(nil) != 0 { return true }
    var check = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
    return poll(&check, 1, 0) == 1 && check.revents & Int16(POLLERR) != 0
}
