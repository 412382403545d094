extension Convolution {
    /// Grouped convolution (MicroAST's groups have one or two input channels each): a direct
    /// kernel that accumulates whole output rows, split over output channels.
    func forwardGrouped(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let width = input.tensor.width
        let inputPlane = input.tensor.planeSize
        let outputWidth = output.width
        let outputPlane = output.planeSize
        let inPerGroup = inputChannels / groups
        let outPerGroup = outputChannels / groups
        let pad = padding
        let k = kernel
        let s = stride
        let padded = width + 2 * pad
        let relu = self.relu
        let fullHeight = input.fullHeight
        let firstRow = input.firstRow
        input.tensor.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                weights.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        let source = UnsafeSendablePointer(src.baseAddress!)
                        let destination = UnsafeMutableSendablePointer(dst.baseAddress!)
                        let weight = UnsafeSendablePointer(w.baseAddress!)
                        let biases = UnsafeSendablePointer(b.baseAddress!)
                        context.parallelRanges(outputChannels) { channels in
                            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * padded + 2)
                            let phases = scratch + padded
                            defer { scratch.deallocate() }
                            for o in channels {
                                let group = o / outPerGroup
                                for (index, y) in outputRows.enumerated() {
                                    let acc = destination.pointer + o * outputPlane + index * outputWidth
                                    let initial = biases.pointer[o]
                                    for x in 0..<outputWidth { acc[x] = initial }
                                    for local in 0..<inPerGroup {
                                        let channel = group * inPerGroup + local
                                        for ky in 0..<k {
                                            let row = reflect(y * s - pad + ky, fullHeight) - firstRow
                                            reflectPadRow(source.pointer + channel * inputPlane + row * width,
                                                          width: width, pad: pad, into: scratch)
                                            let taps = weight.pointer + ((o * inPerGroup + local) * k + ky) * k
                                            if s == 1 {
                                                for kx in 0..<k {
                                                    let tap = taps[kx]
                                                    let line = scratch + kx
                                                    for x in 0..<outputWidth { acc[x] += tap * line[x] }
                                                }
                                            } else {
                                                // Split into phases so every tap reads a contiguous line.
                                                let half = (padded + 1) / 2
                                                for j in 0..<(padded / 2) {
                                                    phases[j] = scratch[2 * j]
                                                    phases[half + j] = scratch[2 * j + 1]
                                                }
                                                if padded % 2 == 1 { phases[half - 1] = scratch[padded - 1] }
                                                for kx in 0..<k {
                                                    let tap = taps[kx]
                                                    let line = phases + (kx % 2 == 0 ? kx / 2 : half + kx / 2)
                                                    for x in 0..<outputWidth { acc[x] += tap * line[x] }
                                                }
                                            }
                                        }
                                    }
                                    if relu {
                                        for x in 0..<outputWidth { acc[x] = max(acc[x], 0) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
