extension Connection {
    private static let lastChunk = Array("0\r\n\r\n".utf8)
    private static let crlf: [UInt8] = [13, 10]

    /// Runs the producer on a worker; each written piece hops to this loop and becomes one chunk.
    func startStream(_ stream: ResponseStream, chunked: Bool) {
        let loop = self.loop
        let sequence = exchange.sequence
        let writer = ResponseStreamWriter { [self] bytes in
            loop.execute { [self] in
                guard exchange.sequence == sequence, state == .writing else { return }
                if chunked {
                    var header = Array(String(bytes.count, radix: 16).utf8)
                    header.append(contentsOf: Connection.crlf)
                    output.append(header)
                    output.append(bytes)
                    output.append(Connection.crlf)
                } else {
                    output.append(bytes)
                }
                exchange.bytesSent += Int64(bytes.count)
                flushOutput()
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
                if chunked { output.append(Connection.lastChunk) }
                flushOutput()
                if state == .head { resume() }
            }
        }
    }
}
