import Foundation

/// One piece of work on a thread of its own, started at once and joined with `wait()`.
///
/// Ownership: `body` runs on the other thread and must only read what it captures while
/// the caller goes on (the result writer's tables, tape and bar times are immutable); the
/// result (or error) is read by the caller after the semaphore, never before.
final class BackgroundWork<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?
    private let body: () throws -> T

    init(_ body: @escaping () throws -> T) {
        self.body = body
        let thread = Thread { [self] in
            result = Result { try self.body() }
            done.signal()
        }
        thread.stackSize = 1 << 23
        thread.start()
    }

    /// Waits for the work; returns its value or rethrows its error. Call once.
    func wait() throws -> T {
        done.wait()
        return try result!.get()
    }
}
