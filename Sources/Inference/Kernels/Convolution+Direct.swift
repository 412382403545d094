extension Convolution {
    /// Whether the direct kernel suits this convolution: large kernels over few channels
    /// (MicroAST's 9×9 3→16 and 16→3), where im2col would copy 81 values per input channel and
    /// pixel for little arithmetic, and a GEMM with 3 or 16 rows runs far below peak.
    var prefersDirectKernel: Bool {
        groups == 1 && stride == 1 && kernel >= 5 && inputChannels * outputChannels <= 64
    }

    /// Output channels and 8-wide pixel vectors computed together: 4 × 3 = 12 accumulators,
    /// leaving registers for the inputs and the broadcast weights.
    private static let channelBlock = 4
    private static let pixelBlock = 24

    /// Direct stride-1 convolution. The input band is reflection-padded once; each output row is
    /// computed for 4 output channels × 24 pixels at a time with the accumulators in registers.
    func forwardDirect(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let k = kernel
        let pad = padding
        let width = input.tensor.width
        let outputWidth = output.width
        let blocksPerRow = (outputWidth + Self.pixelBlock - 1) / Self.pixelBlock
        let paddedWidth = blocksPerRow * Self.pixelBlock + k - 1
        let paddedRows = outputRows.count + k - 1
        let channelBlocks = (outputChannels + Self.channelBlock - 1) / Self.channelBlock

        // [inputChannel][paddedRow][paddedWidth], reflected at the image edges, zero beyond.
        let paddedBuffer = FloatBuffer(count: inputChannels * paddedRows * paddedWidth, pool: context.pool)
        paddedBuffer.base.initialize(repeating: 0, count: paddedBuffer.count)
        // [channelBlock][inputChannel][ky][kx][4], zero for the missing channels of the last block.
        var packed = [Float](repeating: 0, count: channelBlocks * inputChannels * k * k * Self.channelBlock)
        var biases = [Float](repeating: 0, count: channelBlocks * Self.channelBlock)
        for o in 0..<outputChannels {
            biases[o] = bias[o]
            for i in 0..<(inputChannels * k * k) {
                packed[((o / 4) * inputChannels * k * k + i) * 4 + o % 4] = weights[o * inputChannels * k * k + i]
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
                            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Self.channelBlock * Self.pixelBlock)
                            defer { scratch.deallocate() }
                            for job in jobs {
                                let row = job / channelBlocks
                                let block = job % channelBlocks
                                let blockTaps = taps.pointer + block * inputChannels * k * k * 4
                                let b = biasBase.pointer + block * 4
                                let channelsHere = min(4, outputChannels - block * 4)
                                for column in 0..<blocksPerRow {
                                    let x0 = column * Self.pixelBlock
                                    directBlock(source: source.pointer + row * paddedWidth + x0, channelStride: paddedRows * paddedWidth,
                                                rowStride: paddedWidth, inputChannels: inputChannels, kernel: k,
                                                taps: blockTaps, bias: b, relu: relu, into: scratch)
                                    let count = min(Self.pixelBlock, outputWidth - x0)
                                    for o in 0..<channelsHere {
                                        (destination.pointer + (block * 4 + o) * outputPlane + row * outputWidth + x0)
                                            .update(from: scratch + o * Self.pixelBlock, count: count)
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
private func directBlock(source: UnsafePointer<Float>, channelStride: Int, rowStride: Int, inputChannels: Int, kernel k: Int,
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
    for (index, vector) in [a0, a1, a2, b0, b1, b2, c0, c1, c2, d0, d1, d2].enumerated() {
        raw.storeBytes(of: vector, toByteOffset: index * 32, as: V.self)
    }
}
