import Common
import Foundation
import HTTPServer

/// Caps how many requests that hash a password (sign-up, login) hold worker threads at once.
///
/// A hash takes ~100 ms and ~128 MiB at production cost and the hasher lets only a few run, so
/// without this a burst of logins would park every worker thread on the hasher's queue and stall
/// unrelated requests such as `GET /v1/me`. Requests beyond the cap are answered at once with
/// 503 `busy` and `Retry-After: 1` instead of waiting.
final class PasswordWorkAdmission: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var inFlight = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` if a slot is free.
    ///
    /// - Throws: 503 `busy` with `Retry-After: 1` when every slot is taken.
    func run<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        guard inFlight < limit else {
            lock.unlock()
            throw Refusal()
        }
        inFlight += 1
        lock.unlock()
        defer {
            lock.lock()
            inFlight -= 1
            lock.unlock()
        }
        return try body()
    }

    /// Every slot is taken: unavailable `busy`, retry in a second.
    struct Refusal: DomainError, HTTPErrorConvertible {
        var category: ErrorCategory { .unavailable }
        var code: String { "busy" }
        var detail: String { "Too many sign-ins are being processed; try again in a second." }
        var retryAfter: Int? { 1 }
    }
}
