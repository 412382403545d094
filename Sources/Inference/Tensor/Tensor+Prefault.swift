extension Tensor {
    /// Touches every page of a large tensor in steps, asking `context.isStopping` between them.
    ///
    /// Why: the first write to a freshly mapped huge-page buffer faults its pages in, and with
    /// transparent huge pages on `madvise` defrag a burst of such faults (the first Winograd step
    /// writes the top rows of all 64 planes of a 256 MB map) was measured to stall up to a second
    /// on a loaded machine: longer than a cancel may wait. Faulting them here costs the same time
    /// the kernel would spend anyway, only interruptibly; pages already present cost one store.
    mutating func prefault(context: ComputeContext) {
        let bytes = count * MemoryLayout<Float>.stride
        guard bytes >= Self.prefaultThreshold else { return }
        let step = 8 << 20
        let steps = (bytes + step - 1) / step
        withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
            context.parallelRanges(steps) { range in
                for index in range where !context.isStopping {
                    var offset = index * step
                    let end = min(bytes, offset + step)
                    while offset < end {
                        UnsafeMutableRawPointer(base.pointer).storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
                        offset += 4096
                    }
                }
            }
        }
    }

    /// Smaller tensors (everything at 1024² and below) fault in well under the stop latency.
    static let prefaultThreshold = 64 << 20
}
