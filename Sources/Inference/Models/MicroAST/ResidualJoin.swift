/// A residual block's second half as a row-local layer: conv2 of the activations that
/// `ResidualBranch` carried in the band's upper channels (modulated when the block is), plus the
/// block's input carried in the lower ones.
struct ResidualJoin: RowLocalLayer {
    let conv2: Convolution
    let modulation: ResidualModulation?

    func outputChannels(inputChannels: Int) -> Int { inputChannels / 2 }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) { (height, width) }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        conv2.inputRows(for: outputRows, inputHeight: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        let half = input.tensor.channels / 2
        let activations = RowBand(tensor: input.tensor.channels(half..<2 * half), firstRow: input.firstRow, fullHeight: input.fullHeight)
        var output = conv2.forward(activations, outputRows: outputRows, context: context)
        let plane = input.tensor.planeSize
        let rowOffset = (outputRows.lowerBound - input.firstRow) * input.tensor.width
        input.tensor.withUnsafeBufferPointer { band in
            let skip = band.baseAddress! + rowOffset
            if let modulation {
                output.modulate(weight: modulation.weight, bias: modulation.bias, other: skip + half * plane,
                                otherPlaneStride: plane, relu: false, context: context)
            }
            // x + y and y + x round identically, so summing into conv2's output keeps the results.
            output.add(skip, otherPlaneStride: plane, context: context)
        }
        return output
    }
}
