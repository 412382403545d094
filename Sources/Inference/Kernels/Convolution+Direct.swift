extension Convolution {
    /// Whether the direct kernel suits this convolution: large kernels over few channels
    /// (MicroAST's 9×9 3→16 and 16→3), where im2col would copy 81 values per input channel and
    /// pixel for little arithmetic, and a GEMM with 3 or 16 rows runs far below peak.
    var prefersDirectKernel: Bool {
        groups == 1 && stride == 1 && kernel >= 5 && inputChannels * outputChannels <= 64
    }

    /// Output channels and pixels computed together: 4 channels × 24 pixels (three 8-wide vectors)
    /// = 12 accumulators, leaving registers for the inputs and broadcast weights; for exactly
    /// three output channels (RGB), 3 × 32 so no lane computes a padding channel.
    private var blocking: (channels: Int, pixels: Int) { outputChannels == 3 ? (3, 32) : (4, 24) }

    /// Direct stride-1 convolution. The input band is reflection-padded once; each output row is
    /// computed one channel block × pixel block at a time with the accumulators in registers.
    func forwardDirect(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let (channelBlock, pixelBlock) = blocking
        let k = kernel
        let pad = padding
        let width = input.tensor.width
        let outputWidth = output.width
        let blocksPerRow = (outputWidth + pixelBlock - 1) / pixelBlock
        let paddedWidth = blocksPerRow * pixelBlock + k - 1
        let paddedRows = outputRows.count + k - 1
        let channelBlocks = (outputChannels + channelBlock - 1) / channelBlock

        // [inputChannel][paddedRow][paddedWidth], reflected at the image edges, zero beyond.
        let paddedBuffer = FloatBuffer(count: inputChannels * paddedRows * paddedWidth, pool: context.pool)
        paddedBuffer.base.initialize(repeating: 0, count: paddedBuffer.count)
        // [block][inputChannel][ky][kx][channelBlock], zero for the missing channels of the last block.
        var packed = [Float](repeating: 0, count: channelBlocks * inputChannels * k * k * channelBlock)
        var biases = [Float](repeating: 0, count: channelBlocks * channelBlock)
        for o in 0..<outputChannels {
            biases[o] = bias[o]
            for i in 0..<(inputChannels * k * k) {
                packed[((o / channelBlock) * inputChannels * k * k + i) * channelBlock + o % channelBlock] =
                    weights[o * inputChannels * k * k + i]
            }
        }
        let inputPlane = input.tensor.planeSize
        let inputChannels = self.inputChannels
        let outputChannels = self.outputChannels
        input.tensor.withUnsafeBufferPointer { src in
            do {
                let dst = UnsafeMutableBufferPointer(start: paddedBuffer.base, count: paddedBuffer.count)
                for channel in 0..<inputChannels {
                    for row in 0..<paddedRows {
                        let source = reflect(outputRows.lowerBound - pad + row, input.fullHeight) - input.firstRow
                        reflectPadRow(src.baseAddress! + channel * inputPlane + source * width, width: width, pad: pad,
                                      into: dst.baseAddress! + (channel * paddedRows + row) * paddedWidth)
                    }
                }
            }
        }

        let outputPlane = output.planeSize
        let relu = self.relu
        withExtendedLifetime(paddedBuffer) {
            packed.withUnsafeBufferPointer { packedBuffer in
                biases.withUnsafeBufferPointer { biasBuffer in
                    output.withUnsafeMutableBufferPointer { outBuffer in
                        let source = UnsafeSendablePointer(paddedBuffer.base)
                        let taps = UnsafeSendablePointer(packedBuffer.baseAddress!)
                        let biasBase = UnsafeSendablePointer(biasBuffer.baseAddress!)
                        let destination = UnsafeMutableSendablePointer(outBuffer.baseAddress!)
                        context.parallelRanges(outputRows.count * channelBlocks) { jobs in
                            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: channelBlock * pixelBlock)
                            defer { scratch.deallocate() }
                            for job in jobs {
                                let row = job / channelBlocks
                                let block = job % channelBlocks
                                let blockTaps = taps.pointer + block * inputChannels * k * k * channelBlock
                                let b = biasBase.pointer + block * channelBlock
                                let channelsHere = min(channelBlock, outputChannels - block * channelBlock)
                                for column in 0..<blocksPerRow {
                                    let x0 = column * pixelBlock
                                    let start = source.pointer + row * paddedWidth + x0
                                    if channelBlock == 4 {
                                        directBlock4x24(source: start, channelStride: paddedRows * paddedWidth, rowStride: paddedWidth,
                                                        inputChannels: inputChannels, kernel: k, taps: blockTaps, bias: b, relu: relu, into: scratch)
                                    } else {
                                        directBlock3x32(source: start, channelStride: paddedRows * paddedWidth, rowStride: paddedWidth,
                                                        inputChannels: inputChannels, kernel: k, taps: blockTaps, bias: b, relu: relu, into: scratch)
                                    }
                                    let count = min(pixelBlock, outputWidth - x0)
                                    for o in 0..<channelsHere {
                                        (destination.pointer + (block * channelBlock + o) * outputPlane + row * outputWidth + x0)
                                            .update(from: scratch + o * pixelBlock, count: count)
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
