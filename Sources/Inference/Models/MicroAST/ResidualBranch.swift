/// A residual block's first half as a row-local layer. Its output band carries the block's input
/// rows (channels `0..<C`) beside conv1's activations (`C..<2C`), so that `ResidualJoin` can add
/// the skip connection inside a `LayerChain`: the block then runs band by band, and neither its
/// input nor its activations ever exist as whole maps.
struct ResidualBranch: RowLocalLayer {
    /// conv1: with its ReLU fused when unmodulated, linear when the ReLU follows the modulation.
    let conv1: Convolution
    let modulation: ResidualModulation?

    func outputChannels(inputChannels: Int) -> Int { 2 * inputChannels }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) { (height, width) }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        conv1.inputRows(for: outputRows, inputHeight: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        let channels = input.tensor.channels
        let plane = outputRows.count * input.tensor.width
        var activations = conv1.forward(input, outputRows: outputRows, context: context)
        var output = Tensor(uninitializedChannels: 2 * channels, height: outputRows.count, width: input.tensor.width, pool: context.pool)
        output.withUnsafeMutableBufferPointer { stacked in
            let skip = stacked.baseAddress!
            input.tensor.withUnsafeBufferPointer { band in
                let source = band.baseAddress! + (outputRows.lowerBound - input.firstRow) * input.tensor.width
                for channel in 0..<channels {
                    (skip + channel * plane).update(from: source + channel * input.tensor.planeSize, count: plane)
                }
            }
            if let modulation {
                activations.modulate(weight: modulation.weight, bias: modulation.bias, other: skip,
                                     otherPlaneStride: plane, relu: true, context: context)
            }
            activations.withUnsafeBufferPointer { (skip + channels * plane).update(from: $0.baseAddress!, count: $0.count) }
        }
        return output
    }
}
