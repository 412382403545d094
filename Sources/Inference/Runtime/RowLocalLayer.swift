/// A layer whose output rows depend only on a bounded window of input rows (convolutions,
/// upsampling, pooling). Such layers can run band by band, which keeps the memory of
/// full-resolution stages proportional to a band instead of the image.
protocol RowLocalLayer: Sendable {
    /// Output channels for `inputChannels` input channels.
    func outputChannels(inputChannels: Int) -> Int
    /// Output height and width for an input of `height` × `width`.
    func outputSize(height: Int, width: Int) -> (height: Int, width: Int)
    /// The input rows (clamped to `0..<inputHeight`) needed to compute `outputRows`;
    /// monotone in both bounds. Empty for an empty request.
    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int>
    /// Computes `outputRows` of the output from a band covering `inputRows(for: outputRows)`.
    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor
}

extension RowLocalLayer {
    /// Applies the layer to a whole tensor.
    func apply(_ input: Tensor, context: ComputeContext) -> Tensor {
        let size = outputSize(height: input.height, width: input.width)
        return forward(RowBand(whole: input), outputRows: 0..<size.height, context: context)
    }
}

/// Clamps a requested row window to the rows that exist.
@inline(__always)
func clampRows(_ lower: Int, _ upper: Int, height: Int) -> Range<Int> {
    let lo = max(0, lower)
    let hi = min(height, upper)
    return lo < hi ? lo..<hi : lo..<lo
}
