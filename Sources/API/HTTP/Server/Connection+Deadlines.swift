extension Connection {
    /// Called by the loop's periodic sweep: enforces the header deadline, the idle keep-alive timeout,
    /// the minimum body rate, the write timeout and the linger period.
    func checkDeadlines() {
        let now = loop.now
        let timeouts = loop.timeouts
        switch state {
        case .head:
            if headStartedAt == 0 && pending.isEmpty {
                if now &- lastActivity > timeouts.idle { close() }
            } else if now &- headStartedAt > timeouts.header {
                fail(.requestTimeout)
            }
        case .body:
            let elapsed = now &- exchange.bodyStartedAt
            let stalled = now &- lastActivity > timeouts.bodyStall
            var tooSlow = false
            if elapsed > timeouts.bodyGrace, timeouts.minBodyBytesPerSecond > 0 {
                let required = Double(timeouts.minBodyBytesPerSecond) * Double(elapsed - timeouts.bodyGrace) / 1e9
                tooSlow = Double(exchange.bodyReceived) < required
            }
            if stalled || tooSlow { fail(.requestTimeout) }
        case .writing:
            if now &- exchange.lastWriteProgress > timeouts.write { close() }
        case .lingering:
            if now >= lingerDeadline { close() }
        case .inFlight, .closed:
            break
        }
    }
}
