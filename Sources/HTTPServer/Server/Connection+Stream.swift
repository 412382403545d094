extension Connection {
    /// Runs the producer on a worker; each written piece hops to this loop and becomes one chunk.
    func startStream(_ stream: ResponseStream, chunked: Bool) {
        let loop = self.loop
        let sequence = exchange.sequence
        let writer = ResponseStreamWriter { [self] bytes in
            loop.execute { [self] in
                guard exchange.sequence == sequence, state == .writing else { return }
                sendBodyPiece(bytes, chunked: chunked)
            }
        }
        exchange.stream = writer
        loop.shared.workers.submit { [self] in
            let succeeded: Bool
            do {
                try stream.produce(writer)
                succeeded = true
            } catch {
                succeeded = false
            }
            loop.execute { [self] in
                guard exchange.sequence == sequence, state == .writing else { return }
                exchange.stream = nil
                guard succeeded else {
                    // Headers are gone already: an unterminated body is the only honest signal left.
                    close()
                    return
                }
                if chunked { transport.enqueue(ResponseHead.lastChunk, from: 0) }
                flushOutput()
                if state == .head { resume() }
            }
        }
    }
}

extension Connection {
    /// Queues one piece of a streamed or channel body (as one chunk when `chunked`) and flushes;
    /// on this connection's loop.
    func sendBodyPiece(_ bytes: [UInt8], chunked: Bool) {
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
}
