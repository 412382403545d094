import Storage

extension PostgresDatabase {
    /// Sends `payload` to every session listening on `channel` (`pg_notify`), committed at once.
    ///
    /// Inside a write transaction, run `SELECT pg_notify(?, ?)` on its connection instead: the
    /// notification is then delivered when (and only if) that transaction commits.
    ///
    /// - Parameter payload: at most 7999 bytes (the server refuses longer ones).
    public func notify(channel: String, payload: String = "") throws {
        try transaction(.claim) { connection in
            try connection.run("SELECT pg_notify(?, ?)", channel, payload)
        }
    }

    /// A listener on `channels` with its own connection (not one of the pool's).
    public func makeListener(channels: [String]) throws -> PostgresListener {
        try PostgresListener(url: url, channels: channels)
    }
}
