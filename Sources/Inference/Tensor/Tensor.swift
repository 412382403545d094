/// A single-image feature map in CHW layout (batch 1): element `(c * height + y) * width + x`.
/// Intermediate results of the networks are tensors; they are exposed so that tests and tools can
/// compare a network's features with reference values. Copy-on-write, like an array.
public struct Tensor: Sendable {
    public let channels: Int
    public let height: Int
    public let width: Int
    private var storage: FloatBuffer
    /// Where this tensor's values start in `storage`: non-zero for a channel view.
    private var offset = 0

    /// A tensor filled with zeros.
    public init(channels: Int, height: Int, width: Int) {
        self.init(uninitializedChannels: channels, height: height, width: width)
        storage.base.initialize(repeating: 0, count: storage.count)
    }

    /// A tensor holding a copy of `values` (count must be channels × height × width).
    public init(channels: Int, height: Int, width: Int, values: [Float]) {
        self.init(channels: channels, height: height, width: width, values: values, pool: nil)
    }

    init(channels: Int, height: Int, width: Int, values: [Float], pool: BufferPool?) {
        precondition(channels * height * width == values.count, "tensor \(channels)x\(height)x\(width) needs \(channels * height * width) values, got \(values.count)")
        self.init(uninitializedChannels: channels, height: height, width: width, pool: pool)
        values.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A tensor whose values are left for the caller to fill completely; avoids a zeroing pass
    /// over large feature maps that a kernel is about to overwrite.
    init(uninitializedChannels channels: Int, height: Int, width: Int, pool: BufferPool? = nil) {
        self.channels = channels
        self.height = height
        self.width = width
        self.storage = FloatBuffer(count: channels * height * width, pool: pool)
    }

    /// Channels `range` as a tensor sharing this one's storage (no copy): a residual block's
    /// band carries its input and its activations as one map, and each half is read on its own.
    func channels(_ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= channels, "channels \(range) outside 0..<\(channels)")
        return Tensor(channels: range.count, height: height, width: width, storage: storage, offset: offset + range.lowerBound * planeSize)
    }

    private init(channels: Int, height: Int, width: Int, storage: FloatBuffer, offset: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        self.storage = storage
        self.offset = offset
    }

    /// A copy of the values, in CHW order.
    public var values: [Float] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// Number of elements.
    public var count: Int { channels * height * width }

    /// Elements in one channel plane.
    public var planeSize: Int { height * width }

    /// Read access to the values.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base + offset, count: count))
    }

    /// Write access to the values; copies them first when the storage is shared.
    mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
        }
        return try body(UnsafeMutableBufferPointer(start: storage.base + offset, count: count))
    }
}

extension Tensor: Equatable {
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.channels == rhs.channels, lhs.height == rhs.height, lhs.width == rhs.width else { return false }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}
