/// 2× nearest-neighbour upsampling (pytorch-AdaIN's decoder, `nn.Upsample(scale_factor=2)`).
struct NearestUpsample: RowLocalLayer {
    func outputChannels(inputChannels: Int) -> Int { inputChannels }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) { (height * 2, width * 2) }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        if outputRows.isEmpty { return 0..<0 }
        return clampRows(outputRows.lowerBound / 2, (outputRows.upperBound - 1) / 2 + 1, height: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        let width = input.tensor.width
        let outputWidth = width * 2
        let firstRow = input.firstRow
        return input.mapChannels(outputRows: outputRows.count, outputWidth: outputWidth, context: context) { source, destination in
            for (index, y) in outputRows.enumerated() {
                let line = source + (y / 2 - firstRow) * width
                let out = destination + index * outputWidth
                for x in 0..<width {
                    out[2 * x] = line[x]
                    out[2 * x + 1] = line[x]
                }
            }
        }
    }
}
