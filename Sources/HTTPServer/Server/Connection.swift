/// One client connection's HTTP/1.1 protocol logic: request framing, pipelining, `100-continue`,
/// body admission and spooling, keep-alive, the lingering close and the deadlines. It touches no
/// socket and no epoll: it reads from and writes to its `Transport` (a non-blocking socket under
/// `HTTPServer`, memory under `InProcessClient`), and its owner tells it when the transport has
/// input or room for output (`handle`) and when time has passed (`checkDeadlines`).
///
/// It runs on one thread, its loop's, which is why it can be `@unchecked Sendable`: worker threads
/// carry it back to the loop, never use it. It parses one request at a time, and while a request is
/// being handled it stops reading, so pipelined requests wait in the transport and are answered in order.
final class Connection<Transport: ConnectionTransport>: @unchecked Sendable {
    enum State {
        /// Waiting for (the rest of) a request head.
        case head
        /// Receiving a request body.
        case body
        /// A handler is running.
        case inFlight
        /// A response is being written.
        case writing
        /// A final response was sent; unread input is drained until the peer closes or time runs out.
        case lingering
        case closed
    }

    let remoteAddress: String
    let loop: LoopContext
    var transport: Transport
    /// Whether this connection occupies a place under the connection cap.
    var counted: Bool
    var state = State.head
    var parser: RequestHeadParser
    /// Received bytes not yet parsed (a partial head, or pipelined requests).
    var pending: [UInt8] = []
    /// Input may be waiting in the socket that was not read because a request was in progress.
    var readPaused = false
    var peerClosed = false
    var lastActivity: UInt64
    /// When the first byte of the current request head arrived; 0 while idle.
    var headStartedAt: UInt64 = 0
    var exchange = Exchange()
    var lingerDeadline: UInt64 = 0
    /// Responses completed on this connection.
    var servedRequests = 0

    init(transport: Transport, remoteAddress: String, loop: LoopContext, counted: Bool) {
        self.transport = transport
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.counted = counted
        parser = RequestHeadParser(limits: loop.shared.configuration.limits)
        lastActivity = loop.now
    }

    /// What the transport's owner saw: input (or its end) arrived, output space opened, or the stream failed.
    func handle(readable: Bool, writable: Bool, failed: Bool) {
        if failed {
            close()
            return
        }
        if readable { onReadable() }
        if state != .closed, writable { onWritable() }
    }

    /// Reads until the transport is drained or a request needs handling first.
    func onReadable() {
        while true {
            switch state {
            case .closed:
                return
            case .inFlight, .writing:
                readPaused = true
                return
            case .body:
                if let sink = exchange.sink, sink.isBackedUp {
                    pauseForSpool(sink)
                    return
                }
            case .head, .lingering:
                break
            }
            switch transport.read() {
            case .bytes(let input, let drained):
                lastActivity = loop.now
                if state == .lingering { continue }
                feed(input)
                if drained { return }
            case .end:
                peerClosed = true
                // Nothing more will come: a partial request can never complete.
                if state == .head || state == .body || state == .lingering { close() }
                return
            case .wouldBlock:
                return
            case .failed:
                close()
                return
            }
        }
    }

    private func feed(_ input: UnsafeRawBufferPointer) {
        if pending.isEmpty {
            let consumed = process(input)
            if consumed < input.count, state != .closed, state != .lingering {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[consumed...]))
            }
        } else {
            pending.append(contentsOf: input)
            processPending()
        }
    }

    func processPending() {
        guard !pending.isEmpty else { return }
        let input = pending
        pending = []
        let consumed = input.withUnsafeBytes { process($0) }
        if consumed < input.count, state != .closed, state != .lingering {
            pending = Array(input[consumed...]) + pending
        }
    }

    /// Parses and handles as many complete requests as `input` holds; returns the bytes consumed.
    /// Never re-enters itself: inline handlers answer synchronously and the loop simply continues.
    private func process(_ input: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < input.count {
            switch state {
            case .head:
                if headStartedAt == 0 { headStartedAt = loop.now }
                let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                switch parser.parse(rest) {
                case .incomplete:
                    return offset
                case .failed(let error):
                    parser.reset()
                    fail(error)
                    return input.count
                case .complete(let head, let used):
                    offset += used
                    begin(head, bodyBytesBuffered: offset < input.count)
                }
            case .body:
                offset += receiveBody(UnsafeRawBufferPointer(rebasing: input[offset...]))
            case .inFlight, .writing:
                return offset
            case .lingering, .closed:
                return input.count
            }
        }
        return offset
    }

    /// Whether work on another thread (a handler, a body admission, a spool file's last writes, a
    /// stream producer) will hand something back to this connection through its loop.
    var awaitsOtherThreads: Bool {
        switch state {
        case .inFlight: return true
        case .writing: return exchange.stream != nil || exchange.channel != nil
        case .body: return readPaused
        case .head, .lingering, .closed: return false
        }
    }

    /// Called when the loop starts draining for shutdown.
    func drain() {
        switch state {
        case .head where pending.isEmpty && headStartedAt == 0:
            close()
        case .lingering, .closed:
            break
        default:
            exchange.keepAlive = false
            finishChannelForDrain()
        }
    }

    /// Sends a canned 503 to a connection beyond the cap and closes it gently.
    func rejectOverCapacity() {
        let retry = loop.shared.configuration.retryAfterSeconds
        let error = HTTPError.serviceUnavailable("The server is at its connection limit.", retryAfterSeconds: retry)
        exchange = Exchange()
        exchange.requestID = loop.requestIDs.next()
        exchange.startedAt = loop.now
        exchange.keepAlive = false
        exchange.method = HTTPMethod(rawValue: "-")
        exchange.path = "-"
        state = .inFlight
        send(.problem(error))
    }

    func close() {
        guard state != .closed else { return }
        state = .closed
        transport.close()
        exchange.release()
        pending = []
        if counted { loop.shared.release() }
    }
}
