import CEpoll
import Common
import Foundation
import Glibc

/// One I/O thread: an epoll set holding the shared listening socket and the connections this thread
/// accepted. Everything about a connection happens on its loop's thread; other threads talk to a loop
/// only through `execute`, which queues a task and wakes the loop through an eventfd.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let shared: ServerShared
    private let epollFD: Int32
    private let wakeFD: Int32
    private var listenFD: Int32
    private var listenerPaused = false
    private var connections: [Connection?] = []
    private(set) var liveConnections = 0
    /// The time of the current wake-up; connections use it instead of reading the clock again.
    private(set) var now: UInt64 = MonotonicClock.now()
    /// Receive buffer shared by this loop's connections (they are served one at a time).
    let scratch: UnsafeMutableRawBufferPointer
    /// Reused for every response head this loop serialises.
    var headBuffer: [UInt8] = []
    var dateCache = DateCache()
    var requestIDs: RequestIDGenerator
    let timeouts: ResolvedTimeouts
    private let tasks = Locked<[@Sendable () -> Void]>([])
    private(set) var draining = false
    private var drainDeadline: UInt64 = 0
    private var lastSweep: UInt64 = 0
    private let sweepInterval: UInt64
    private let finished = DispatchSemaphore(value: 0)

    init(index: Int, shared: ServerShared, listenFD: Int32) throws {
        self.index = index
        self.shared = shared
        self.listenFD = listenFD
        requestIDs = RequestIDGenerator(loopIndex: index)
        timeouts = ResolvedTimeouts(shared.configuration.timeouts)
        sweepInterval = min(max(timeouts.shortest / 4, 5_000_000), 250_000_000)
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw Sockets.Failure("epoll_create1") }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw Sockets.Failure("eventfd") }
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 16)
        headBuffer.reserveCapacity(1024)
        try add(wakeFD, events: EPOLLIN.rawValue)
        // Level-triggered and exclusive: one loop is woken per pending connection, not all of them.
        try add(listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
    }

    deinit {
        // The eventfd lives as long as the loop object: a worker finishing late may still `execute`.
        close(wakeFD)
        scratch.deallocate()
    }

    /// Queues work for this loop's thread (from any thread).
    func execute(_ task: @escaping @Sendable () -> Void) {
        let wasEmpty = tasks.withLock { queue in
            queue.append(task)
            return queue.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// The thread body: runs until a drain has finished.
    func run() {
        let capacity: Int32 = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(capacity))
        defer { events.deallocate() }
        lastSweep = now
        var stopped = false
        while !stopped {
            let count = epoll_wait(epollFD, events, capacity, Int32(sweepInterval / 1_000_000))
            now = MonotonicClock.now()
            if count < 0 && errno != EINTR { break }
            for i in 0..<Int(max(0, count)) {
                let event = events[i]
                let fd = event.data.fd
                if fd == wakeFD {
                    runTasks()
                } else if fd == listenFD {
                    acceptConnections()
                } else if fd >= 0, fd < connections.count, let connection = connections[Int(fd)] {
                    connection.handle(events: event.events)
                }
            }
            if now &- lastSweep >= sweepInterval {
                lastSweep = now
                sweep()
            }
            if draining && (liveConnections == 0 || now >= drainDeadline) {
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
        draining = true
        drainDeadline = deadline
        if listenFD >= 0 {
            epoll_ctl(epollFD, EPOLL_CTL_DEL, listenFD, nil)
            listenFD = -1
        }
        for case let connection? in connections { connection.drain() }
    }

    func remove(_ connection: Connection) {
        let fd = Int(connection.fd)
        if fd < connections.count, connections[fd] === connection {
            connections[fd] = nil
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
                let connection = Connection(fd: fd, remoteAddress: remote, loop: self, counted: admitted)
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

    private func runTasks() {
        var counter: UInt64 = 0
        _ = read(wakeFD, &counter, 8)
        let batch = tasks.withLock { queue in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
        for task in batch { task() }
    }

    private func sweep() {
        if listenerPaused, !draining, listenFD >= 0 {
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
