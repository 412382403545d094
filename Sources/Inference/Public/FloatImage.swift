/// An RGB image as three float planes (CHW: all red, then all green, then all blue values),
/// nominally in 0...1. Network outputs are not clamped; clamp when converting to pixels.
public struct FloatImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `3 × height × width` values, plane by plane, rows top to bottom.
    public var planes: [Float]

    public init(width: Int, height: Int, planes: [Float]) {
        self.width = width
        self.height = height
        self.planes = planes
    }

    /// Smallest side accepted by the networks: below it the encoders' reflection padding and
    /// down-sampling leave nothing to work with.
    public static let minimumSide = 16

    /// Checks the plane count and the minimum size; `role` names the image in errors.
    func validated(role: String, pool: BufferPool? = nil) throws -> Tensor {
        guard width > 0, height > 0, planes.count == 3 * width * height else {
            throw InferenceError.malformedImage(
                role: role, detail: "\(width)x\(height) needs \(3 * max(width, 0) * max(height, 0)) values, got \(planes.count)")
        }
        guard width >= Self.minimumSide, height >= Self.minimumSide else {
            throw InferenceError.imageTooSmall(role: role, width: width, height: height, minimumSide: Self.minimumSide)
        }
        return Tensor(channels: 3, height: height, width: width, values: planes, pool: pool)
    }
}
