import Foundation
import Glibc

/// Keeps released large tensor mappings for reuse. A fresh mapping must be zeroed by the kernel
/// page by page, which on this kind of virtual machine costs as much as the arithmetic that
/// fills it; the networks allocate maps of the same few sizes over and over, so recycling
/// them removes most of that cost. Holds at most `capacityBytes` of idle memory.
public final class BufferPool: @unchecked Sendable {
    /// Idle memory kept at most, in bytes.
    public let capacityBytes: Int
    private let lock = NSLock()
    private var idle: [Mapping] = []
    private var idleBytes = 0

    struct Mapping {
        let start: UnsafeMutableRawPointer
        let length: Int
        let base: UnsafeMutableRawPointer
    }

    public init(capacityBytes: Int = 256 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// An idle mapping of `length` bytes, or at most a quarter more, if one is kept.
    func take(length: Int) -> Mapping? {
        lock.lock()
        defer { lock.unlock() }
        var best: Int?
        for (index, mapping) in idle.enumerated() where mapping.length >= length && mapping.length <= length + length / 4 {
            if best == nil || mapping.length < idle[best!].length { best = index }
        }
        guard let index = best else {
            evictForFreshMapping(of: length)
            return nil
        }
        let mapping = idle.remove(at: index)
        idleBytes -= mapping.length
        return mapping
    }

    /// Unmaps idle mappings, largest first, until they and a fresh `length`-byte mapping fit the
    /// capacity: none of them fits that request, and keeping them beside it would raise the peak
    /// memory of a large image by a whole feature map (called with the lock held).
    private func evictForFreshMapping(of length: Int) {
        guard idleBytes + length > capacityBytes, !idle.isEmpty else { return }
        idle.sort { $0.length < $1.length }
        while idleBytes + length > capacityBytes, let largest = idle.popLast() {
            idleBytes -= largest.length
            munmap(largest.start, largest.length)
        }
    }

    /// Keeps `mapping` for reuse, or unmaps it when the pool is full.
    func give(_ mapping: Mapping) {
        lock.lock()
        if idleBytes + mapping.length <= capacityBytes {
            idle.append(mapping)
            idleBytes += mapping.length
            lock.unlock()
            return
        }
        lock.unlock()
        munmap(mapping.start, mapping.length)
    }

    /// Unmaps every idle mapping (e.g. once a large job is done).
    public func drain() {
        lock.lock()
        let released = idle
        idle = []
        idleBytes = 0
        lock.unlock()
        for mapping in released { munmap(mapping.start, mapping.length) }
    }

    deinit {
        for mapping in idle { munmap(mapping.start, mapping.length) }
    }
}
