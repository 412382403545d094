import Foundation
import Storage

/// A bounded set of libpq connections, opened on demand. A caller waits (up to a limit) when all
/// are in use; each connection serves one thread at a time.
///
/// A thread that already holds one of the pool's connections (a read started inside a write
/// closure, such as a quota check during an upload) never waits: it takes an idle connection or
/// opens one past the capacity, closed again when it comes back. Waiting could deadlock: with as
/// many writers as connections, each holding its own and waiting for a second, none comes free
/// until the wait limit (CI saw five uploads on a pool of four answer `busy` after ten seconds).
/// So the pool holds at most `capacity` connections per level of nesting, in practice twice it.
///
/// A connection found broken when it comes back (the server restarted, or an administrator
/// terminated its backend) is closed, and so is every idle one: they were opened before the
/// failure and are almost certainly dead too. The next caller connects afresh.
final class PostgresConnectionPool: @unchecked Sendable {
    let url: PostgresURL
    let capacity: Int
    private let waitLimit: TimeInterval
    private let rewrites = RewrittenSQLCache()
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections idle, in use or being opened.
    private var open = 0
    /// Where each thread counts the pool's connections it holds.
    private let heldKey = "stylify.postgres.pool.held.\(UUID().uuidString)"

    init(url: PostgresURL, capacity: Int, waitLimit: TimeInterval) {
        self.url = url
        self.capacity = max(1, capacity)
        self.waitLimit = waitLimit
    }

    /// Runs `body` with a connection of the pool.
    ///
    /// - Throws: `StorageError.busy` when no connection came free within the wait limit; the
    ///   connect errors of `PostgresConnection` when a new one had to be opened; what `body` throws.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let held = heldByThisThread
        let connection = try acquire(nested: held > 0)
        heldByThisThread = held + 1
        defer {
            heldByThisThread = held
            release(connection)
        }
        return try body(connection)
    }

    /// How many of this pool's connections the calling thread holds now.
    private var heldByThisThread: Int {
        get { Thread.current.threadDictionary[heldKey] as? Int ?? 0 }
        set { Thread.current.threadDictionary[heldKey] = newValue == 0 ? nil : newValue }
    }

    /// Closes every idle connection (tests, shutdown); connections in use close when they return.
    func closeIdle() {
        condition.lock()
        let closing = idle
        idle.removeAll()
        open -= closing.count
        condition.broadcast()
        condition.unlock()
        _ = closing
    }

    /// How many connections are open now (idle or in use).
    var openCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return open
    }

    private func acquire(nested: Bool) throws -> PostgresConnection {
        condition.lock()
        let deadline = Date().addingTimeInterval(waitLimit)
        while !nested, idle.isEmpty, open >= capacity {
            guard condition.wait(until: deadline) else {
                condition.unlock()
                throw StorageError.busy
            }
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try PostgresConnection(url: url, rewrites: rewrites)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        // A transaction left open (a closure that escaped the runner's cleanup) must not leak into
        // the next caller's work.
        if !connection.isBroken, connection.isInTransaction { try? connection.executeScript("ROLLBACK") }
        var closing: [PostgresConnection] = []
        condition.lock()
        if connection.isBroken {
            closing = idle + [connection]
            idle.removeAll()
            open -= closing.count
            condition.broadcast()
        } else if open > capacity {
            // Opened past the capacity for a nested transaction: not kept.
            closing = [connection]
            open -= 1
        } else {
            idle.append(connection)
            condition.signal()
        }
        condition.unlock()
        // PQfinish runs as the array goes, outside the lock.
        closing.removeAll()
    }
}
