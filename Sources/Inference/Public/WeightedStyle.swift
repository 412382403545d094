/// One style of a (possibly interpolated) stylization and its relative weight.
public struct WeightedStyle: Sendable {
    public let code: StyleCode
    /// Non-negative; weights are normalised to sum to 1.
    public let weight: Float

    public init(code: StyleCode, weight: Float = 1) {
        self.code = code
        self.weight = weight
    }
}
