import Foundation

/// One piece of work on a thread of its own, started at once and joined with `wait()`.
///
/// Ownership: `body` runs on the other thread and must only read what it captures while
/// the caller goes on (the result writer's tables, tape and bar times are immutable); the
/// result (or error) is read by the caller after the semaphore, never before.
final class BackgroundWork<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?
    private var elapsed: Duration = .zero
    private let body: () throws -> T

    init(_ body: @escaping () throws -> T) {
        self.body = body
        let thread = Thread { [self] in
            let clock = ContinuousClock(), started = clock.now
            result = Result { try self.body() }
            elapsed = clock.now - started
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

    /// How long `body` ran on its thread; read after `wait()`.
    var duration: Duration { elapsed }
}

/// A value one thread hands to another, once: `put` it, and `take` waits until it is there.
///
/// Ownership: the value is written before the semaphore is signalled and read only after it
/// is waited on, and never written again.
final class Handoff<T>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var value: T?

    func put(_ value: T) {
        precondition(self.value == nil, "a handoff is put once")
        self.value = value
        ready.signal()
    }

    /// Waits for the value. Call once.
    func take() -> T {
        ready.wait()
        return value!
    }
}
