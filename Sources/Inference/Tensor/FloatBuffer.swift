import Glibc

/// Uninitialised float storage for tensors and kernel scratch. Large buffers are mapped
/// directly, marked for transparent huge pages and recycled through a `BufferPool`: feature maps
/// of big images are hundreds of MB, and having the kernel fault in and zero fresh pages for
/// each cost more than the convolutions on a virtual machine.
final class FloatBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let count: Int
    private let mapping: BufferPool.Mapping?
    private let pool: BufferPool?

    private static let hugePage = 2 << 20
    /// Below this, the allocator's own heap serves faster than a mapping.
    private static let mappingThreshold = 1 << 20

    init(count: Int, pool: BufferPool?) {
        precondition(count >= 0)
        self.count = count
        self.pool = pool
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        if bytes < Self.mappingThreshold {
            base = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            mapping = nil
            return
        }
        let rounded = (bytes + Self.hugePage - 1) / Self.hugePage * Self.hugePage
        let mapping = pool?.take(length: rounded + Self.hugePage) ?? Self.map(usable: rounded)
        base = mapping.base.bindMemory(to: Float.self, capacity: count)
        self.mapping = mapping
    }

    /// Maps `usable` bytes starting on a 2 MB boundary (one extra huge page allows the alignment).
    private static func map(usable: Int) -> BufferPool.Mapping {
        let length = usable + hugePage
        guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              start != MAP_FAILED else {
            fatalError("out of memory mapping \(length) bytes for a tensor")
        }
        let aligned = (Int(bitPattern: start) + hugePage - 1) / hugePage * hugePage
        let base = UnsafeMutableRawPointer(bitPattern: aligned)!
        _ = madvise(base, usable, MADV_HUGEPAGE)
        return BufferPool.Mapping(start: start, length: length, base: base)
    }

    /// A new buffer with the same contents.
    func copy() -> FloatBuffer {
        let copy = FloatBuffer(count: count, pool: pool)
        copy.base.update(from: base, count: count)
        return copy
    }

    deinit {
        if let mapping {
            if let pool { pool.give(mapping) } else { munmap(mapping.start, mapping.length) }
        } else {
            base.deallocate()
        }
    }
}
