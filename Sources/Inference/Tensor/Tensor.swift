/// A single-image feature map in CHW layout (batch 1): `values[(c * height + y) * width + x]`.
/// Intermediate results of the networks are tensors; they are exposed so that tests and tools can
/// compare a network's features with reference values.
public struct Tensor: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    public var values: [Float]

    /// A tensor filled with zeros.
    public init(channels: Int, height: Int, width: Int) {
        self.init(channels: channels, height: height, width: width, values: [Float](repeating: 0, count: channels * height * width))
    }

    /// A tensor over existing values (count must be channels × height × width).
    public init(channels: Int, height: Int, width: Int, values: [Float]) {
        precondition(channels * height * width == values.count, "tensor \(channels)x\(height)x\(width) needs \(channels * height * width) values, got \(values.count)")
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    /// A tensor whose values are left for the caller to fill completely; avoids a zeroing pass
    /// over large feature maps that a kernel is about to overwrite.
    init(uninitializedChannels channels: Int, height: Int, width: Int) {
        let count = channels * height * width
        self.channels = channels
        self.height = height
        self.width = width
        self.values = [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Elements in one channel plane.
    public var planeSize: Int { height * width }
}
