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
        let firstRow = input.firstRow
        let fullHeight = input.fullHeight
        return input.mapChannels(outputRows: outputRows.count, outputWidth: outputWidth, context: context) { source, destination in
            for (index, y) in outputRows.enumerated() {
                let top = source + (2 * y - firstRow) * width
                let bottom = 2 * y + 1 < fullHeight ? top + width : top
                let out = destination + index * outputWidth
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
