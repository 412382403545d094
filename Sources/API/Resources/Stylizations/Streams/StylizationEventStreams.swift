import Common
import Foundation
import HTTPServer
import Jobs
import Stylizations

/// The open streams of `GET /v1/stylizations/{id}/events`: who listens to which stylization,
/// and what each was sent. Job changes and frames of this process are pushed at once (progress
/// at most every `progressInterval`); a ticker sends heartbeat comments, re-reads the listened
/// jobs every `pollInterval` (changes made by another process reach the stream that way) and
/// drops subscriptions whose response never went out.
///
/// No thread waits for a stream: each is a `ResponseChannel`, written by whoever has news.
/// Each account may hold `perAccount` streams at once; one more is a 429.
public final class StylizationEventStreams: Sendable {
    public struct Settings: Sendable {
        public var perAccount = 4
        public var heartbeatInterval: TimeInterval = 15
        public var pollInterval: TimeInterval = 5
        public var progressInterval: TimeInterval = 0.25
        /// The `retry:` sent first: how long a client waits before reconnecting.
        public var retryMilliseconds = 2000
        public init() {}
    }

    /// One stream; touched only under the state's lock.
    struct Subscription {
        let job: String
        let account: String
        let openedAt: Date
        var writer: ResponseChannelWriter?
        /// Bytes produced before the response went out.
        var buffered: [UInt8] = []
        /// The highest event id sent (or, from `Last-Event-ID`, seen already).
        var sentThrough: Int
        var finished = false
        var lastWrite: Date
    }

    struct State {
        var nextToken: UInt64 = 0
        var subscriptions: [UInt64: Subscription] = [:]
        var byJob: [String: Set<UInt64>] = [:]
        var byAccount: [String: Int] = [:]
        var lastPoll = Date()
    }

    public let settings: Settings
    private let service: StylizationService
    private let throttle: ProgressThrottle
    private let state = Locked(State())
    private let ticker = Locked<PeriodicTask?>(nil)

    /// Observes `service`'s jobs from now on.
    public init(service: StylizationService, settings: Settings = Settings()) {
        self.service = service
        self.settings = settings
        throttle = ProgressThrottle(interval: settings.progressInterval, step: 0)
        let tick = min(1, settings.heartbeatInterval, settings.pollInterval)
        ticker.withLock { $0 = PeriodicTask(name: "stylify-event-streams", every: tick, runsAtStart: false) { [weak self] in self?.tick() } }
        service.observe(
            status: { [weak self] job in self?.statusChanged(job) },
            progress: { [weak self] update in self?.progressed(update) })
    }

    /// Stops the ticker (heartbeats and polls); open streams end with the HTTP server.
    public func stop() {
        _ = ticker.withLock { $0 }?.stop()
    }

    /// Streams currently open or about to be.
    public var openCount: Int { state.withLock { $0.subscriptions.count } }

    /// The answer to `GET /v1/stylizations/{id}/events`: the final event at once for a job that
    /// ended, otherwise a channel that stays open until it ends.
    ///
    /// - Parameter lastEventID: the client's `Last-Event-ID`; events up to it are not repeated
    ///   (a value that is not a whole number is ignored).
    /// - Throws: `JobError.notFound` (another account's too), 429 `too_many_streams`.
    func open(_ id: String, account: String, lastEventID: String?) throws -> Response {
        let current = try service.get(id, account: account)
        let retry = EventStreamFrame.retry(milliseconds: settings.retryMilliseconds)
        if current.job.status.isTerminal {
            return Self.response(.bytes(retry + (try StreamEvent.final(current)).bytes))
        }
        let seen = lastEventID.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { max(0, $0) } ?? 0
        let token = try subscribe(job: id, account: account, sentThrough: seen, first: retry)
        ticker.withLock { $0 }?.start()
        do {
            // Read again now that every change reaches the subscription: one that happened
            // between the first read and it is not lost.
            deliver(try StreamEvent.describing(try service.get(id, account: account)), to: [token])
        } catch {
            release(token)
            throw error
        }
        return Self.response(.channel(ResponseChannel { [weak self] writer in
            guard let self else { return writer.finish() }
            attach(writer, to: token)
        }))
    }

    private static func response(_ body: ResponseBody) -> Response {
        Response(status: .ok, headers: [
            "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store",
            // nginx buffers responses unless told not to; a buffered event stream is useless.
            "X-Accel-Buffering": "no",
        ], body: body)
    }

    private func subscribe(job: String, account: String, sentThrough: Int, first: [UInt8]) throws -> UInt64 {
        let limit = settings.perAccount
        let token = state.withLock { state -> UInt64? in
            let open = state.byAccount[account, default: 0]
            guard open < limit else { return nil }
            state.nextToken += 1
            let token = state.nextToken
            let now = Date()
            state.subscriptions[token] = Subscription(
                job: job, account: account, openedAt: now, buffered: first, sentThrough: sentThrough, lastWrite: now)
            state.byJob[job, default: []].insert(token)
            state.byAccount[account] = open + 1
            return token
        }
        guard let token else {
            var error = HTTPError(
                .tooManyRequests, code: "too_many_streams",
                detail: "This account has \(limit) event streams open already; close one (or poll GET /v1/stylizations/{id}).",
                limit: Int64(limit), used: Int64(limit))
            error.headers.add("Retry-After", "5")
            throw error
        }
        return token
    }

    private func attach(_ writer: ResponseChannelWriter, to token: UInt64) {
        let now = Date()
        let pending = state.withLock { state -> (bytes: [UInt8], finished: Bool)? in
            guard var subscription = state.subscriptions[token] else { return nil }
            let pending = (subscription.buffered, subscription.finished)
            subscription.buffered = []
            subscription.writer = writer
            subscription.lastWrite = now
            state.subscriptions[token] = subscription
            return pending
        }
        guard let pending else { return writer.finish() }
        writer.onClose { [weak self] in self?.release(token) }
        writer.send(pending.bytes)
        if pending.finished { writer.finish() }
    }

    private func release(_ token: UInt64) {
        state.withLock { state in
            guard let subscription = state.subscriptions.removeValue(forKey: token) else { return }
            state.byJob[subscription.job]?.remove(token)
            if state.byJob[subscription.job]?.isEmpty == true { state.byJob[subscription.job] = nil }
            let open = state.byAccount[subscription.account, default: 1] - 1
            state.byAccount[subscription.account] = open > 0 ? open : nil
        }
    }

    /// Sends what a subscription has not seen; the final event ends it. Writers are called
    /// outside the lock: ending one runs its close handler, which takes the lock again.
    private func deliver(_ events: [StreamEvent], to tokens: Set<UInt64>) {
        guard !events.isEmpty else { return }
        let now = Date()
        var sends: [(ResponseChannelWriter, [UInt8], Bool)] = []
        state.withLock { state in
            for token in tokens {
                guard var subscription = state.subscriptions[token], !subscription.finished else { continue }
                var bytes: [UInt8] = []
                for event in events where event.isFinal || event.id > subscription.sentThrough {
                    bytes += event.bytes
                    subscription.sentThrough = max(subscription.sentThrough, event.id)
                    if event.isFinal { subscription.finished = true }
                }
                if let writer = subscription.writer {
                    subscription.lastWrite = now
                    sends.append((writer, bytes, subscription.finished))
                } else {
                    subscription.buffered += bytes
                }
                state.subscriptions[token] = subscription
            }
        }
        for (writer, bytes, finished) in sends {
            writer.send(bytes)
            if finished { writer.finish() }
        }
    }

    private func tokens(of job: String) -> Set<UInt64> {
        state.withLock { $0.byJob[job] ?? [] }
    }

    private func statusChanged(_ job: Job) {
        if job.status.isTerminal { throttle.forget(job.id.rawValue) }
        let listening = tokens(of: job.id.rawValue)
        guard !listening.isEmpty, job.status != .queued,
              let stylization = try? service.get(job.id.rawValue, account: job.account),
              let events = try? StreamEvent.describing(stylization) else { return }
        deliver(events, to: listening)
    }

    private func progressed(_ update: JobProgressUpdate) {
        let listening = tokens(of: update.id.rawValue)
        guard !listening.isEmpty,
              throttle.admit(update.id.rawValue, done: update.progress.done, total: update.progress.total) else { return }
        deliver([.progress(StylizationProgress(update))], to: listening)
    }

    /// Heartbeats, polls and the removal of subscriptions whose response never went out.
    private func tick() {
        let now = Date()
        let (heartbeats, polls, abandoned) = state.withLock { state -> ([ResponseChannelWriter], [(UInt64, String, String)], [UInt64]) in
            var heartbeats: [ResponseChannelWriter] = []
            var abandoned: [UInt64] = []
            let polling = now.timeIntervalSince(state.lastPoll) >= settings.pollInterval
            if polling { state.lastPoll = now }
            var polls: [(UInt64, String, String)] = []
            for (token, var subscription) in state.subscriptions {
                guard let writer = subscription.writer else {
                    // The handler answered but the connection died before the response was sent.
                    if now.timeIntervalSince(subscription.openedAt) > 60 { abandoned.append(token) }
                    continue
                }
                if now.timeIntervalSince(subscription.lastWrite) >= settings.heartbeatInterval {
                    subscription.lastWrite = now
                    state.subscriptions[token] = subscription
                    heartbeats.append(writer)
                }
                if polling { polls.append((token, subscription.job, subscription.account)) }
            }
            return (heartbeats, polls, abandoned)
        }
        abandoned.forEach(release)
        // A send to a client that left fails, and its close handler releases the subscription.
        for writer in heartbeats { writer.send(EventStreamFrame.heartbeat) }
        for (token, job, account) in polls {
            guard let stylization = try? service.get(job, account: account),
                  let events = try? StreamEvent.describing(stylization) else { continue }
            deliver(events, to: [token])
        }
    }
}
