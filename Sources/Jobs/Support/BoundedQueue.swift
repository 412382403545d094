import Foundation

/// A small blocking FIFO between two pipeline threads: `put` waits while it is full, `take` waits
/// while it is empty. `finish()` ends it normally (the consumer drains what is left, then gets
/// nil); `abort(_:)` ends it at once for both sides with an error, so one failing stage stops
/// the others instead of leaving them blocked.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var failure: (any Error)?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Waits for room, then appends. Throws the abort error if the queue was aborted (also while
    /// waiting); returns quietly after `finish()` (nothing more is wanted).
    func put(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity, failure == nil, !finished {
            condition.wait()
        }
        if let failure { throw failure }
        guard !finished else { return }
        items.append(element)
        condition.broadcast()
    }

    /// The next element; nil once finished and drained. Throws the abort error.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count, failure == nil, !finished {
            condition.wait()
        }
        if let failure { throw failure }
        guard head < items.count else { return nil }
        let element = items[head]
        head += 1
        if head > 64, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// No more elements will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops both sides: every waiting and later `put`/`take` throws `error` (the first one wins).
    func abort(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
