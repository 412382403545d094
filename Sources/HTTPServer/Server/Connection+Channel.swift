extension Connection {
    /// Hands the body's writer to the application; what it sends hops to this loop and becomes
    /// one chunk each. No worker thread is involved while the body is open.
    func startChannel(_ channel: ResponseChannel, chunked: Bool) {
        let loop = self.loop
        let sequence = exchange.sequence
        let writer = ResponseChannelWriter(
            limit: loop.shared.configuration.limits.maxChannelQueuedBytes,
            deliver: { [self] bytes in
                loop.execute { [self] in
                    guard exchange.sequence == sequence, state == .writing, exchange.channel != nil else { return }
                    sendBodyPiece(bytes, chunked: chunked)
                }
            },
            end: { [self] in
                loop.execute { [self] in
                    guard exchange.sequence == sequence, state == .writing, exchange.channel != nil else { return }
                    exchange.channel = nil
                    if chunked { transport.enqueue(ResponseHead.lastChunk, from: 0) }
                    flushOutput()
                    if state == .head { resume() }
                }
            },
            cut: { [self] in
                loop.execute { [self] in
                    guard exchange.sequence == sequence, state == .writing else { return }
                    close()
                }
            })
        exchange.channel = writer
        channel.open(writer)
    }

    /// Shutdown: an open channel ends now (its clients reconnect elsewhere), so it does not hold
    /// up the drain until the grace period runs out.
    func finishChannelForDrain() {
        exchange.channel?.finish()
    }
}
