extension Connection {
    /// Called by the loop's periodic sweep: enforces the header deadline, the idle keep-alive timeout,
    /// the minimum body rate, the write timeout and the linger period.
    func checkDeadlines() {
        let now = loop.now
        let timeouts = loop.timeouts
        switch state {
        case .head:
            if headStartedAt == 0 && pending.isEmpty {
                // A connection that has not sent a single request gets the header deadline, not the
                // keep-alive allowance: otherwise silent connections could exhaust the cap cheaply.
                let allowance = servedRequests == 0 ? timeouts.header : timeouts.idle
                if now &- lastActivity > allowance { close() }
            } else if now &- headStartedAt > timeouts.header {
                fail(.requestTimeout)
            }
        case .body:
            // Paused because our own disk is behind: the client is not the slow one.
            if readPaused { return }
            let elapsed = now &- exchange.bodyStartedAt
            let stalled = now &- lastActivity > timeouts.bodyStall
            var tooSlow = false
            if elapsed > timeouts.bodyGrace, timeouts.minBodyBytesPerSecond > 0 {
                let required = Double(timeouts.minBodyBytesPerSecond) * Double(elapsed - timeouts.bodyGrace) / 1e9
                tooSlow = Double(exchange.bodyReceived) < required
            }
            if stalled || tooSlow { fail(.requestTimeout) }
        case .writing:
            // Only a client that stops reading is cut off; a stream producer may pause as long as it likes.
            if transport.hasQueuedOutput, now &- exchange.lastWriteProgress > timeouts.write { close() }
        case .lingering:
            if now >= lingerDeadline { close() }
        case .inFlight, .closed:
            break
        }
    }
}
