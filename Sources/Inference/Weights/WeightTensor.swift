/// One named parameter tensor of a network, as read from a weights file: float32 values in
/// row-major (C) order. This is the common currency between the weight readers (safetensors,
/// the PyTorch importer) and the networks that consume them.
public struct WeightTensor: Sendable, Equatable {
    public let shape: [Int]
    public let values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not match \(values.count) values")
        self.shape = shape
        self.values = values
    }
}
