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
                    if chunked {
                        var header = Array(String(bytes.count, radix: 16).utf8)
                        header.append(contentsOf: ResponseHead.crlf)
                        transport.enqueue(header, from: 0)
                        transport.enqueue(bytes, from: 0)
                        transport.enqueue(ResponseHead.crlf, from: 0)
                    } else {
                        transport.enqueue(bytes, from: 0)
                    }
                    exchange.bytesSent += Int64(bytes.count)
                    flushOutput()
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
