import CEpoll
import Foundation
import Glibc

/// One I/O thread: an epoll set holding the shared listening socket and the connections this thread
/// accepted. It is the thin driver of those connections: it accepts, turns epoll events into
/// `Connection.handle` calls and runs the periodic deadline sweep; the protocol logic is the
/// connection's. Everything about a connection happens on its loop's thread; other threads talk to a
/// loop only through `execute`, which queues a task and wakes the loop through an eventfd.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let shared: ServerShared
    /// What this loop's connections share: the wake-up's time, buffers, request ids, `execute`.
    let context: LoopContext
    private let tasks: LoopTaskQueue
    private let epollFD: Int32
    private var listenFD: Int32
    private var listenerPaused = false
    private var connections: [Connection<SocketTransport>?] = []
    private(set) var liveConnections = 0
    /// Receive buffer shared by this loop's connections (they are served one at a time).
    private let scratch: UnsafeMutableRawBufferPointer
    private var drainDeadline: UInt64 = 0
    private var lastSweep: UInt64 = 0
    private let sweepInterval: UInt64
    private let finished = DispatchSemaphore(value: 0)

    init(index: Int, shared: ServerShared, listenFD: Int32) throws {
        self.index = index
        self.shared = shared
        self.listenFD = listenFD
        tasks = try LoopTaskQueue()
        context = LoopContext(index: index, shared: shared, executor: tasks, now: MonotonicClock.now())
        sweepInterval = min(max(context.timeouts.shortest / 4, 5_000_000), 250_000_000)
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw Sockets.Failure("epoll_create1") }
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 16)
        try add(tasks.wakeFD, events: EPOLLIN.rawValue)
        // Level-triggered and exclusive: one loop is woken per pending connection, not all of them.
        try add(listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
    }

    deinit { scratch.deallocate() }

    /// Queues work for this loop's thread (from any thread).
    func execute(_ task: @escaping @Sendable () -> Void) { context.execute(task) }

    /// The thread body: runs until a drain has finished.
    func run() {
        let capacity: Int32 = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(capacity))
        defer { events.deallocate() }
        lastSweep = context.now
        var stopped = false
        while !stopped {
            let count = epoll_wait(epollFD, events, capacity, Int32(sweepInterval / 1_000_000))
            context.now = MonotonicClock.now()
            let now = context.now
            if count < 0 && errno != EINTR { break }
            for i in 0..<Int(max(0, count)) {
                let event = events[i]
                let fd = event.data.fd
                if fd == tasks.wakeFD {
                    tasks.runQueued()
                } else if fd == listenFD {
                    acceptConnections()
                } else if fd >= 0, fd < connections.count, let connection = connections[Int(fd)] {
                    let flags = event.events
                    connection.handle(
                        readable: flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue) != 0,
                        writable: flags & EPOLLOUT.rawValue != 0, failed: flags & EPOLLERR.rawValue != 0)
                }
            }
            if now &- lastSweep >= sweepInterval {
                lastSweep = now
                sweep()
            }
            if context.draining && (liveConnections == 0 || now >= drainDeadline) {
                for case let connection? in connections { connection.close() }
                stopped = true
            }
        }
        close(epollFD)
        finished.signal()
    }

    func waitUntilStopped() { finished.wait() }

    /// Stops accepting and lets in-flight requests finish until `deadline`; idle connections close now.
    func beginDrain(deadline: UInt64) {
        context.draining = true
        drainDeadline = deadline
        if listenFD >= 0 {
            epoll_ctl(epollFD, EPOLL_CTL_DEL, listenFD, nil)
            listenFD = -1
        }
        for case let connection? in connections { connection.drain() }
    }

    /// Forgets a connection whose socket was just closed (before the descriptor can be reused).
    func remove(fd: Int32) {
        let slot = Int(fd)
        if slot < connections.count, connections[slot] != nil {
            connections[slot] = nil
            liveConnections -= 1
        }
    }

    private func acceptConnections() {
        for _ in 0..<32 {
            switch Sockets.accept(listenFD) {
            case .wouldBlock:
                return
            case .failed(let code):
                if code == EINTR || code == ECONNABORTED { continue }
                if code == EMFILE || code == ENFILE {
                    // Out of descriptors: stop polling the listener until the next sweep rather than spin.
                    epoll_ctl(epollFD, EPOLL_CTL_DEL, listenFD, nil)
                    listenerPaused = true
                }
                return
            case .accepted(let fd, let remote):
                let admitted = shared.admit()
                let connection = Connection(
                    transport: SocketTransport(fd: fd, scratch: scratch, eventLoop: self), remoteAddress: remote,
                    loop: context, counted: admitted)
                let slot = Int(fd)
                if slot >= connections.count {
                    connections.append(contentsOf: repeatElement(nil, count: slot - connections.count + 64))
                }
                connections[slot] = connection
                liveConnections += 1
                do {
                    try add(fd, events: EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue)
                } catch {
                    connection.close()
                    continue
                }
                if !admitted { connection.rejectOverCapacity() }
            }
        }
    }

    private func sweep() {
        if listenerPaused, !context.draining, listenFD >= 0 {
            listenerPaused = (try? add(listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)) == nil
        }
        for case let connection? in connections { connection.checkDeadlines() }
    }

    private func add(_ fd: Int32, events: UInt32) throws {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else { throw Sockets.Failure("epoll_ctl") }
    }
}
