import CPostgres
import Foundation
import Storage

/// Waits for `NOTIFY`s on some channels over a dedicated connection (`LISTEN`), without polling
/// the database: `wait(timeout:)` sleeps in `poll(2)` on the connection's socket until a
/// notification arrives or the timeout passes.
///
/// Notifications sent while no connection was listening are lost, so after a lost connection
/// (server restart, terminated backend) the listener reconnects, listens again and answers
/// `.reconnected`: the caller should then look for work once, as if it had been notified.
/// Callers that must not miss work also poll now and then; a notification is a wake-up, not a
/// delivery guarantee.
///
/// One thread waits at a time (others queue on a lock).
public final class PostgresListener: @unchecked Sendable {
    /// Why `wait(timeout:)` returned.
    public enum Wake: Sendable, Equatable {
        /// These notifications arrived (in order).
        case notified([PostgresNotification])
        /// Nothing arrived before the timeout.
        case timedOut
        /// The connection was lost and is listening again; notifications in between may be lost.
        case reconnected
    }

    /// The channels listened to.
    public let channels: [String]
    private let url: PostgresURL
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private let rewrites = RewrittenSQLCache()

    /// Connects and listens on `channels`.
    ///
    /// - Throws: `StorageError.postgres` (SQLSTATE 42602) for an empty channel name or one longer
    ///   than 63 bytes; the connect errors of the database.
    public init(url: PostgresURL, channels: [String]) throws {
        for channel in channels where channel.isEmpty || channel.utf8.count > 63 {
            throw StorageError.postgres(sqlstate: "42602", message: "channel name '\(channel.prefix(80))' must be 1 to 63 bytes long")
        }
        self.url = url
        self.channels = channels
        connection = try connect()
    }

    /// Waits up to `timeout` seconds for notifications on the listened channels.
    ///
    /// - Throws: `StorageError.unavailable` (or another connect error) when the connection was
    ///   lost and could not be re-established; the next call tries again.
    public func wait(timeout: TimeInterval) throws -> Wake {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else {
            self.connection = try connect()
            return .reconnected
        }
        let deadline = Date().addingTimeInterval(max(0, timeout))
        while true {
            if PQconsumeInput(connection.handle) == 0 || connection.isBroken {
                self.connection = nil
                self.connection = try connect()
                return .reconnected
            }
            let notifications = drain(connection)
            if !notifications.isEmpty { return .notified(notifications) }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .timedOut }
            var descriptor = pollfd(fd: PQsocket(connection.handle), events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up))
            if poll(&descriptor, 1, milliseconds) < 0, errno != EINTR {
                self.connection = nil
                self.connection = try connect()
                return .reconnected
            }
        }
    }

    /// Closes the connection; a later `wait` reconnects (and answers `.reconnected`).
    public func close() {
        lock.lock()
        connection = nil
        lock.unlock()
    }

    /// The server process of the listening connection, nil while disconnected (tests use it to
    /// terminate the backend).
    var backendPID: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return connection?.backendPID
    }

    private func connect() throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url, rewrites: rewrites)
        for channel in channels {
            try connection.executeScript("LISTEN \(Self.quotedIdentifier(channel))")
        }
        return connection
    }

    private func drain(_ connection: PostgresConnection) -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let notice = PQnotifies(connection.handle) {
            notifications.append(PostgresNotification(
                channel: String(cString: notice.pointee.relname),
                payload: notice.pointee.extra.map { String(cString: $0) } ?? "",
                senderProcessID: notice.pointee.be_pid))
            PQfreemem(notice)
        }
        return notifications
    }

    /// `"name"` with embedded quotes doubled: channels are identifiers in `LISTEN`, but plain
    /// strings in `pg_notify`, so quoting keeps both spellings the same (case included).
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
