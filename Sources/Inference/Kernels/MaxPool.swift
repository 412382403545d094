/// 2×2 max-pooling with stride 2 and `ceil_mode=True` (pytorch-AdaIN's VGG): an odd last row or
/// column forms a window of its own.
struct MaxPool: RowLocalLayer {
    func outputChannels(inputChannels: Int) -> Int { inputChannels }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) { ((height + 1) / 2, (width + 1) / 2) }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        if outputRows.isEmpty { return 0..<0 }
        return clampRows(outputRows.lowerBound * 2, outputRows.upperBound * 2, height: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        let width = input.tensor.width
        let outputWidth = (width + 1) / 2
        let channels = input.tensor.channels
        var output = Tensor(uninitializedChannels: channels, height: outputRows.count, width: outputWidth, pool: context.pool)
        let inputPlane = input.tensor.planeSize
        let outputPlane = output.planeSize
        let firstRow = input.firstRow
        let fullHeight = input.fullHeight
        input.tensor.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                let source = UnsafeSendablePointer(src.baseAddress!)
                let destination = UnsafeMutableSendablePointer(dst.baseAddress!)
                context.parallelRanges(channels) { range in
                    for channel in range {
                        for (index, y) in outputRows.enumerated() {
                            let top = source.pointer + channel * inputPlane + (2 * y - firstRow) * width
                            let bottom = 2 * y + 1 < fullHeight ? top + width : top
                            let out = destination.pointer + channel * outputPlane + index * outputWidth
                            for x in 0..<(width / 2) {
                                out[x] = max(max(top[2 * x], top[2 * x + 1]), max(bottom[2 * x], bottom[2 * x + 1]))
                            }
                            if width % 2 == 1 {
                                out[outputWidth - 1] = max(top[width - 1], bottom[width - 1])
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
