import Foundation

/// A one-line progress bar on stderr, only when stderr is a terminal (quiet when piped).
/// Safe to update from several threads (the backtest's workers).
package final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var lastPercent = -1
    private let lock = NSLock()

    package init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    package func update(_ fraction: Double) {
        lock.lock(); defer { lock.unlock() }
        let percent = Int(fraction * 100)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30, filled = width * percent / 100
        printError("\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent)%")
    }

    package func finish() { printError("\r" + String(repeating: " ", count: label.count + 40) + "\r") }
}
