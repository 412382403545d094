/// 2× bilinear upsampling with half-pixel centres and edge clamping (PyTorch
/// `align_corners=False`, ONNX Resize `half_pixel`): output pixel 2i blends input i-1 and i with
/// weights 1/4 and 3/4, output 2i+1 blends i and i+1 with 3/4 and 1/4.
struct BilinearUpsample: RowLocalLayer {
    func outputChannels(inputChannels: Int) -> Int { inputChannels }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) { (height * 2, width * 2) }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        if outputRows.isEmpty { return 0..<0 }
        let first = outputRows.lowerBound
        let last = outputRows.upperBound - 1
        return clampRows(first / 2 - (first % 2 == 0 ? 1 : 0), last / 2 + (last % 2 == 0 ? 1 : 2), height: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        let width = input.tensor.width
        let outputWidth = width * 2
        let fullHeight = input.fullHeight
        let firstRow = input.firstRow
        return input.mapChannels(outputRows: outputRows.count, outputWidth: outputWidth, context: context) { source, destination in
            let blended = UnsafeMutablePointer<Float>.allocate(capacity: width + 2)
            defer { blended.deallocate() }
            for (index, y) in outputRows.enumerated() {
                let i = y / 2
                let neighbour = y % 2 == 0 ? max(i - 1, 0) : min(i + 1, fullHeight - 1)
                let near = source + (i - firstRow) * width
                let far = source + (neighbour - firstRow) * width
                // Columns -1 and width hold the clamped edges so the row pass needs no branches.
                let line = blended + 1
                for x in 0..<width { line[x] = 0.75 * near[x] + 0.25 * far[x] }
                line[-1] = line[0]
                line[width] = line[width - 1]
                let out = destination + index * outputWidth
                for x in 0..<width {
                    out[2 * x] = 0.25 * line[x - 1] + 0.75 * line[x]
                    out[2 * x + 1] = 0.75 * line[x] + 0.25 * line[x + 1]
                }
            }
        }
    }
}
