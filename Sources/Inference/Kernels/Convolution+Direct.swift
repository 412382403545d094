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

/// 4 output channels × 24 pixels of a stride-1 convolution, accumulated in registers.
/// `source` points at the block's first pixel in input channel 0, kernel row 0.
@inline(__always)
private func directBlock4x24(source: UnsafePointer<Float>, channelStride: Int, rowStride: Int, inputChannels: Int, kernel k: Int,
                         taps: UnsafePointer<Float>, bias: UnsafePointer<Float>, relu: Bool,
                         into out: UnsafeMutablePointer<Float>) {
    typealias V = SIMD8<Float>
    var a0 = V(repeating: bias[0]), a1 = a0, a2 = a0
    var b0 = V(repeating: bias[1]), b1 = b0, b2 = b0
    var c0 = V(repeating: bias[2]), c1 = c0, c2 = c0
    var d0 = V(repeating: bias[3]), d1 = d0, d2 = d0
    var tap = taps
    for channel in 0..<inputChannels {
        for ky in 0..<k {
            let line = UnsafeRawPointer(source + channel * channelStride + ky * rowStride)
            for kx in 0..<k {
                let x0 = line.loadUnaligned(fromByteOffset: kx * 4, as: V.self)
                let x1 = line.loadUnaligned(fromByteOffset: kx * 4 + 32, as: V.self)
                let x2 = line.loadUnaligned(fromByteOffset: kx * 4 + 64, as: V.self)
                let wa = V(repeating: tap[0]), wb = V(repeating: tap[1])
                let wc = V(repeating: tap[2]), wd = V(repeating: tap[3])
                a0.addProduct(wa, x0); a1.addProduct(wa, x1); a2.addProduct(wa, x2)
                b0.addProduct(wb, x0); b1.addProduct(wb, x1); b2.addProduct(wb, x2)
                c0.addProduct(wc, x0); c1.addProduct(wc, x1); c2.addProduct(wc, x2)
                d0.addProduct(wd, x0); d1.addProduct(wd, x1); d2.addProduct(wd, x2)
                tap += 4
            }
        }
    }
    if relu {
        let zero = V(repeating: 0)
        a0 = a0.replacing(with: zero, where: a0 .< zero); a1 = a1.replacing(with: zero, where: a1 .< zero); a2 = a2.replacing(with: zero, where: a2 .< zero)
        b0 = b0.replacing(with: zero, where: b0 .< zero); b1 = b1.replacing(with: zero, where: b1 .< zero); b2 = b2.replacing(with: zero, where: b2 .< zero)
        c0 = c0.replacing(with: zero, where: c0 .< zero); c1 = c1.replacing(with: zero, where: c1 .< zero); c2 = c2.replacing(with: zero, where: c2 .< zero)
        d0 = d0.replacing(with: zero, where: d0 .< zero); d1 = d1.replacing(with: zero, where: d1 .< zero); d2 = d2.replacing(with: zero, where: d2 .< zero)
    }
    let raw = UnsafeMutableRawPointer(out)
    raw.storeBytes(of: a0, toByteOffset: 0, as: V.self); raw.storeBytes(of: a1, toByteOffset: 32, as: V.self)
    raw.storeBytes(of: a2, toByteOffset: 64, as: V.self); raw.storeBytes(of: b0, toByteOffset: 96, as: V.self)
    raw.storeBytes(of: b1, toByteOffset: 128, as: V.self); raw.storeBytes(of: b2, toByteOffset: 160, as: V.self)
    raw.storeBytes(of: c0, toByteOffset: 192, as: V.self); raw.storeBytes(of: c1, toByteOffset: 224, as: V.self)
    raw.storeBytes(of: c2, toByteOffset: 256, as: V.self); raw.storeBytes(of: d0, toByteOffset: 288, as: V.self)
    raw.storeBytes(of: d1, toByteOffset: 320, as: V.self); raw.storeBytes(of: d2, toByteOffset: 352, as: V.self)
}

/// 3 output channels × 32 pixels of a stride-1 convolution, accumulated in registers.
@inline(__always)
private func directBlock3x32(source: UnsafePointer<Float>, channelStride: Int, rowStride: Int, inputChannels: Int, kernel k: Int,
                             taps: UnsafePointer<Float>, bias: UnsafePointer<Float>, relu: Bool,
                             into out: UnsafeMutablePointer<Float>) {
    typealias V = SIMD8<Float>
    var a0 = V(repeating: bias[0]), a1 = a0, a2 = a0, a3 = a0
    var b0 = V(repeating: bias[1]), b1 = b0, b2 = b0, b3 = b0
    var c0 = V(repeating: bias[2]), c1 = c0, c2 = c0, c3 = c0
    var tap = taps
    for channel in 0..<inputChannels {
        for ky in 0..<k {
            let line = UnsafeRawPointer(source + channel * channelStride + ky * rowStride)
            for kx in 0..<k {
                // Weights first, then one input vector at a time: 12 accumulators + 3 weights + 1 input
                // fill the 16 vector registers exactly.
                let wa = V(repeating: tap[0]), wb = V(repeating: tap[1]), wc = V(repeating: tap[2])
                let x0 = line.loadUnaligned(fromByteOffset: kx * 4, as: V.self)
                a0.addProduct(wa, x0); b0.addProduct(wb, x0); c0.addProduct(wc, x0)
                let x1 = line.loadUnaligned(fromByteOffset: kx * 4 + 32, as: V.self)
                a1.addProduct(wa, x1); b1.addProduct(wb, x1); c1.addProduct(wc, x1)
                let x2 = line.loadUnaligned(fromByteOffset: kx * 4 + 64, as: V.self)
                a2.addProduct(wa, x2); b2.addProduct(wb, x2); c2.addProduct(wc, x2)
                let x3 = line.loadUnaligned(fromByteOffset: kx * 4 + 96, as: V.self)
                a3.addProduct(wa, x3); b3.addProduct(wb, x3); c3.addProduct(wc, x3)
                tap += 3
            }
        }
    }
    if relu {
        let zero = V(repeating: 0)
        a0 = a0.replacing(with: zero, where: a0 .< zero); a1 = a1.replacing(with: zero, where: a1 .< zero)
        a2 = a2.replacing(with: zero, where: a2 .< zero); a3 = a3.replacing(with: zero, where: a3 .< zero)
        b0 = b0.replacing(with: zero, where: b0 .< zero); b1 = b1.replacing(with: zero, where: b1 .< zero)
        b2 = b2.replacing(with: zero, where: b2 .< zero); b3 = b3.replacing(with: zero, where: b3 .< zero)
        c0 = c0.replacing(with: zero, where: c0 .< zero); c1 = c1.replacing(with: zero, where: c1 .< zero)
        c2 = c2.replacing(with: zero, where: c2 .< zero); c3 = c3.replacing(with: zero, where: c3 .< zero)
    }
    let raw = UnsafeMutableRawPointer(out)
    raw.storeBytes(of: a0, toByteOffset: 0, as: V.self); raw.storeBytes(of: a1, toByteOffset: 32, as: V.self)
    raw.storeBytes(of: a2, toByteOffset: 64, as: V.self); raw.storeBytes(of: a3, toByteOffset: 96, as: V.self)
    raw.storeBytes(of: b0, toByteOffset: 128, as: V.self); raw.storeBytes(of: b1, toByteOffset: 160, as: V.self)
    raw.storeBytes(of: b2, toByteOffset: 192, as: V.self); raw.storeBytes(of: b3, toByteOffset: 224, as: V.self)
    raw.storeBytes(of: c0, toByteOffset: 256, as: V.self); raw.storeBytes(of: c1, toByteOffset: 288, as: V.self)
    raw.storeBytes(of: c2, toByteOffset: 320, as: V.self); raw.storeBytes(of: c3, toByteOffset: 352, as: V.self)
}
