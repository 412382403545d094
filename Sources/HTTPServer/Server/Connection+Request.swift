import Foundation

extension Connection {
    /// A complete head arrived: route it, check the declared body against the route's limit, then
    /// either dispatch (no body) or start receiving the body.
    func begin(_ head: RequestHead, bodyBytesBuffered: Bool) {
        let sequence = exchange.sequence &+ 1
        exchange = Exchange()
        exchange.sequence = sequence
        exchange.startedAt = headStartedAt == 0 ? loop.now : headStartedAt
        headStartedAt = 0
        exchange.method = head.method
        exchange.minorVersion = head.minorVersion
        exchange.keepAlive = head.keepAlive && !loop.draining
        if let id = head.headers["x-request-id"], RequestIDGenerator.isAcceptable(id) {
            exchange.requestID = id
        } else {
            exchange.requestID = loop.requestIDs.next()
        }
        let path: String
        if let question = head.target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(head.target[..<question])
        } else {
            path = head.target
        }
        exchange.path = path
        let plan = loop.shared.responder.plan(method: head.method, path: path, headers: head.headers)
        exchange.head = head
        exchange.plan = plan

        if case .respond = plan.action, head.framing != .none {
            // An answer that does not need the body (404, 405, preflight): do not read it; close after.
            exchange.keepAlive = false
            dispatch(body: .empty)
            return
        }
        if head.framing == .none {
            dispatch(body: .empty)
        } else if case .route(let route) = plan.action, let admit = route.options.admitBody {
            admitThenReceive(head, admit: admit)
        } else {
            receiveBody(of: head, limit: plan.maxBodyBytes, bodyBytesBuffered: bodyBytesBuffered)
        }
    }

    func receiveBody(of head: RequestHead, limit: Int64, bodyBytesBuffered: Bool) {
        switch head.framing {
        case .none:
            dispatch(body: .empty)
        case .length(let length):
            if length > limit {
                fail(exchange.tooLarge?(limit, length) ?? .contentTooLarge(limit: limit, used: length))
                return
            }
            exchange.remaining = length
            startBody(expectedLength: length, head: head, limit: limit, bodyBytesBuffered: bodyBytesBuffered)
        case .chunked:
            exchange.chunked = ChunkedDecoder()
            startBody(expectedLength: nil, head: head, limit: limit, bodyBytesBuffered: bodyBytesBuffered)
        }
    }

    private func startBody(expectedLength: Int64?, head: RequestHead, limit: Int64, bodyBytesBuffered: Bool) {
        let configuration = loop.shared.configuration
        exchange.sink = BodySink(
            limit: limit, threshold: configuration.limits.bodyMemoryThreshold,
            directory: loop.shared.temporaryDirectory, expectedLength: expectedLength, tooLarge: exchange.tooLarge)
        exchange.bodyStartedAt = loop.now
        state = .body
        // A client that already sent body bytes is not waiting for the interim response.
        if head.expectContinue && !bodyBytesBuffered {
            transport.enqueue(ResponseHead.continueLine, from: 0)
            if transport.flush() == .failed { close() }
        }
    }

    /// Feeds body bytes to the sink; dispatches when the body is complete. Returns bytes consumed.
    func receiveBody(_ input: UnsafeRawBufferPointer) -> Int {
        guard let sink = exchange.sink else { return 0 }
        do throws(HTTPError) {
            var used: Int
            if exchange.chunked != nil {
                used = try exchange.chunked!.decode(input) { (bytes) throws(HTTPError) in try sink.append(bytes) }
                exchange.bodyReceived += Int64(used)
                if exchange.chunked!.isDone { finishBody() }
            } else {
                used = Int(min(Int64(input.count), exchange.remaining))
                try sink.append(UnsafeRawBufferPointer(rebasing: input[0..<used]))
                exchange.remaining -= Int64(used)
                exchange.bodyReceived += Int64(used)
                if exchange.remaining == 0 { finishBody() }
            }
            return used
        } catch {
            fail(error)
            return input.count
        }
    }

    private func finishBody() {
        guard let sink = exchange.sink else { return }
        exchange.sink = nil
        switch sink.finish() {
        case .ready(let body):
            dispatch(body: body)
        case .spooled(let writer, let size):
            // The handler may only see the file once every queued write has landed in it.
            state = .inFlight
            exchange.bodyFile = writer.path
            let sequence = exchange.sequence
            let loop = self.loop
            writer.finish { [self] succeeded in
                loop.execute { [self] in
                    guard state == .inFlight, exchange.sequence == sequence else { return }
                    if succeeded {
                        dispatch(body: .file(URL(fileURLWithPath: writer.path), size: size))
                    } else {
                        fail(BodySink.storageError)
                    }
                    if state == .head { resume() }
                }
            }
        }
    }

    /// Stops reading while the spool file is behind; reading resumes when its backlog has drained.
    func pauseForSpool(_ sink: BodySink) {
        guard let writer = sink.spool else { return }
        readPaused = true
        let sequence = exchange.sequence
        let loop = self.loop
        writer.notifyWhenDrained { [self] in
            loop.execute { [self] in
                guard state == .body, exchange.sequence == sequence, readPaused else { return }
                readPaused = false
                onReadable()
            }
        }
    }

    /// Hands the complete request to its handler: inline on this thread, or on the worker pool.
    private func dispatch(body: RequestBody) {
        guard let head = exchange.head, let plan = exchange.plan else { return }
        state = .inFlight
        let request = makeRequest(head, body: body)
        exchange.head = nil
        let responder = loop.shared.responder
        if plan.execution == .inline {
            send(responder.execute(plan, request))
            return
        }
        let sequence = exchange.sequence
        let loop = self.loop
        loop.shared.workers.submit { [self] in
            let response = responder.execute(plan, request)
            loop.execute { [self] in
                guard state == .inFlight, exchange.sequence == sequence else { return }
                send(response)
                if state == .head { resume() }
            }
        }
    }

    func makeRequest(_ head: RequestHead, body: RequestBody) -> Request {
        Request(
            method: head.method, target: head.target, minorVersion: head.minorVersion, headers: head.headers,
            body: body, remoteAddress: remoteAddress, requestID: exchange.requestID,
            parameters: exchange.plan?.parameters ?? Parameters(), context: exchange.context)
    }

    /// Answers a request that failed before reaching a handler, and closes the connection after.
    func fail(_ error: HTTPError) {
        exchange.sink?.discard()
        exchange.sink = nil
        if exchange.requestID.isEmpty {
            exchange.requestID = loop.requestIDs.next()
            exchange.startedAt = headStartedAt == 0 ? loop.now : headStartedAt
            exchange.method = HTTPMethod(rawValue: "-")
            exchange.path = "-"
        }
        exchange.keepAlive = false
        state = .inFlight
        send(loop.shared.responder.failure(error, origin: exchange.head?.headers["origin"]))
    }

    /// After a response completes outside `process` (worker completion, socket became writable):
    /// handle pipelined input already buffered, then read what the socket holds.
    func resume() {
        if state == .head || state == .body {
            processPending()
        }
        if (state == .head || state == .body), readPaused {
            readPaused = false
            onReadable()
        }
    }
}
