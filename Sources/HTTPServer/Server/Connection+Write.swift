import Glibc

extension Connection {
    /// Serialises and writes a response for the current exchange. Memory bodies go out with one
    /// `writev` together with the head; files with `sendfile`; streams chunk by chunk.
    func send(_ response: Response) {
        guard state != .closed else { return }
        // Content is normally opened by the responder on the handler's worker; a response made
        // elsewhere (an inline route) is opened here.
        var response = response.openingContent(for: exchange.method)
        let isHead = exchange.method == .head
        var fileFD: Int32 = -1
        if case .file(let region) = response.body, !isHead, response.status.allowsBody {
            fileFD = region.file?.duplicate() ?? open(region.path, O_RDONLY | O_CLOEXEC)
            if fileFD < 0 { response = .problem(.notFound("The file is no longer available.")) }
        }
        if loop.draining || peerClosed { exchange.keepAlive = false }
        var bodyBytes: [UInt8] = []
        var framing = ResponseHead.Framing.none
        var stream: ResponseStream?
        var channel: ResponseChannel?
        switch response.body {
        case .empty:
            if response.status.allowsBody { framing = .length(0) }
        case .bytes(let bytes):
            framing = .length(Int64(bytes.count))
            bodyBytes = bytes
        case .file(let region):
            framing = .length(region.length)
        case .content(let content):
            // Only a HEAD (or a body-less status) still has unopened content: its length is all that goes out.
            framing = .length(Int64(content.range.count))
        case .stream(let producer) where producer.length != nil:
            framing = .length(producer.length ?? 0)
            stream = producer
        case .stream(let producer):
            if exchange.minorVersion == 0 {
                exchange.keepAlive = false  // HTTP/1.0 has no chunking: the close ends the body.
            } else {
                framing = .chunked
            }
            stream = producer
        case .channel(let pushed):
            if exchange.minorVersion == 0 {
                exchange.keepAlive = false
            } else {
                framing = .chunked
            }
            channel = pushed
        }
        if !response.status.allowsBody {
            framing = .none
            bodyBytes = []
            stream = nil
        }
        if isHead || !response.status.allowsBody, let unsent = channel {
            // Nothing will be sent: the application still learns it, to release what it holds.
            unsent.open(ResponseChannelWriter.closed())
            channel = nil
        }
        let connectionHeader: String? =
            !exchange.keepAlive ? "close" : (exchange.minorVersion == 0 ? "keep-alive" : nil)
        loop.dateCache.refresh()
        ResponseHead.write(
            into: &loop.headBuffer, status: response.status, headers: response.headers, framing: framing,
            requestID: exchange.requestID, connection: connectionHeader, date: loop.dateCache.line)
        exchange.status = response.status.code
        state = .writing

        if isHead {
            write(head: loop.headBuffer, body: [])
        } else if let channel {
            exchange.bytesSent = 0
            transport.enqueue(loop.headBuffer, from: 0)
            startChannel(channel, chunked: exchange.minorVersion == 1)
            flushOutput()
        } else if let stream {
            exchange.bytesSent = 0
            transport.enqueue(loop.headBuffer, from: 0)
            startStream(stream, chunked: stream.length == nil && exchange.minorVersion == 1)
            flushOutput()
        } else if fileFD >= 0, case .file(let region) = response.body {
            exchange.bytesSent = region.length
            transport.enqueue(loop.headBuffer, from: 0)
            transport.enqueueFile(fd: fileFD, offset: region.offset, length: region.length)
            flushOutput()
        } else {
            exchange.bytesSent = Int64(bodyBytes.count)
            write(head: loop.headBuffer, body: bodyBytes)
        }
    }

    /// Writes a response whose body is in memory (or absent): the transport sends head and body together.
    private func write(head: [UInt8], body: [UInt8]) {
        switch transport.write(head: head, body: body) {
        case .done:
            responseWritten()
        case .blocked:
            exchange.lastWriteProgress = loop.now
        case .failed:
            close()
        }
    }

    func onWritable() {
        guard state == .writing || transport.hasQueuedOutput else { return }
        flushOutput()
        if state == .head { resume() }
    }

    func flushOutput() {
        switch transport.flush() {
        case .failed:
            close()
        case .blocked:
            exchange.lastWriteProgress = loop.now
        case .done:
            exchange.lastWriteProgress = loop.now
            if let stream = exchange.stream {
                stream.drained()
            } else if let channel = exchange.channel {
                channel.drained()
            } else if state == .writing {
                responseWritten()
            }
        }
    }

    /// The last byte of the response is out: log it, clean up, and go back to reading or close.
    func responseWritten() {
        let log = loop.shared.configuration.accessLog
        let metrics = loop.shared.configuration.requestMetrics
        if log.isEnabled || metrics != nil {
            let elapsed = loop.preciseNow() &- exchange.startedAt
            metrics?.record(
                stripe: loop.index, method: exchange.method,
                route: exchange.plan?.routeLabel ?? RouteLabel.unmatched, status: exchange.status,
                nanoseconds: elapsed)
            if log.isEnabled {
                log.record(
                    AccessLog.Entry(
                        method: exchange.method.rawValue, path: exchange.path, status: exchange.status,
                        bytes: exchange.bytesSent, durationNanoseconds: elapsed,
                        requestID: exchange.requestID, remote: remoteAddress))
            }
        }
        let keepAlive = exchange.keepAlive
        servedRequests += 1
        exchange.release()
        exchange.requestID = ""
        exchange.plan = nil
        exchange.head = nil
        if keepAlive {
            state = .head
            lastActivity = loop.now
        } else {
            startLingering()
        }
    }

    /// Half-closes and discards further input for a while, so that a client still sending (a body we
    /// refused, a pipelined request) reads our final response instead of a connection reset.
    func startLingering() {
        state = .lingering
        pending = []
        transport.shutdownOutput()
        // A connection that is only winding down no longer takes a place under the cap.
        if counted {
            counted = false
            loop.shared.release()
        }
        // While draining for shutdown, do not let lingering hold up the exit.
        let linger = loop.draining ? min(loop.timeouts.linger, 200_000_000) : loop.timeouts.linger
        lingerDeadline = loop.now &+ linger
        if peerClosed {
            close()
            return
        }
        onReadable()
    }
}
