extension Convolution {
    /// Grouped convolution (MicroAST's groups have one or two input channels each): the input
    /// band is reflection-padded once (and, for stride 2, split into even and odd columns so
    /// every tap reads contiguous memory); then each output channel's rows are accumulated
    /// 8 pixels at a time over all its taps, split over output channels.
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
        let paddedWidth = width + 2 * pad
        // Each padded row is stored as `s` phases of `phaseLength` (phase p holds columns p, p + s, …),
        // with slack so the last vector of a row may over-read.
        let phaseLength = (paddedWidth + s - 1) / s + 8
        let rowLength = s * phaseLength
        let paddedRows = (outputRows.count - 1) * s + k
        let relu = self.relu
        let fullHeight = input.fullHeight
        let firstRow = input.firstRow
        let inputChannels = self.inputChannels
        let outputChannels = self.outputChannels

        let padded = FloatBuffer(count: inputChannels * paddedRows * rowLength, pool: context.pool)
        let paddedAddress = UnsafeMutableSendablePointer(padded.base)
        input.tensor.withUnsafeBufferPointer { src in
            let source = UnsafeSendablePointer(src.baseAddress!)
            context.parallelRanges(inputChannels) { channels in
                let line = UnsafeMutablePointer<Float>.allocate(capacity: paddedWidth)
                defer { line.deallocate() }
                for channel in channels {
                    for r in 0..<paddedRows {
                        let row = reflect(outputRows.lowerBound * s - pad + r, fullHeight) - firstRow
                        let target = paddedAddress.pointer + (channel * paddedRows + r) * rowLength
                        if s == 1 {
                            reflectPadRow(source.pointer + channel * inputPlane + row * width, width: width, pad: pad, into: target)
                            (target + paddedWidth).initialize(repeating: 0, count: rowLength - paddedWidth)
                        } else {
                            reflectPadRow(source.pointer + channel * inputPlane + row * width, width: width, pad: pad, into: line)
                            // Only MicroAST's stride 2 reaches here: even columns, then odd ones.
                            target.initialize(repeating: 0, count: rowLength)
                            let odd = target + phaseLength
                            for j in 0..<(paddedWidth / 2) {
                                target[j] = line[2 * j]
                                odd[j] = line[2 * j + 1]
                            }
                            if paddedWidth % 2 == 1 { target[paddedWidth / 2] = line[paddedWidth - 1] }
                        }
                    }
                }
            }
        }

        withExtendedLifetime(padded) {
            output.withUnsafeMutableBufferPointer { dst in
                weights.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        let destination = UnsafeMutableSendablePointer(dst.baseAddress!)
                        let weight = UnsafeSendablePointer(w.baseAddress!)
                        let biases = UnsafeSendablePointer(b.baseAddress!)
                        context.parallelRanges(outputChannels) { channels in
                            typealias V = SIMD8<Float>
                            let tapCount = inPerGroup * k * k
                            // For every tap: the line it reads (relative to the output row's first padded row).
                            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: tapCount)
                            defer { offsets.deallocate() }
                            for o in channels {
                                let group = o / outPerGroup
                                let taps = weight.pointer + o * tapCount
                                for local in 0..<inPerGroup {
                                    for ky in 0..<k {
                                        for kx in 0..<k {
                                            let channel = group * inPerGroup + local
                                            offsets[(local * k + ky) * k + kx] = (channel * paddedRows + ky) * rowLength
                                                + (kx % s) * phaseLength + kx / s
                                        }
                                    }
                                }
                                let initial = V(repeating: biases.pointer[o])
                                for (index, _) in outputRows.enumerated() {
                                    let rowBase = paddedAddress.pointer + index * s * rowLength
                                    let out = destination.pointer + o * outputPlane + index * outputWidth
                                    var x = 0
                                    // 32 pixels per pass amortise each tap's offset and weight over four vectors.
                                    while x + 32 <= outputWidth {
                                        var (a0, a1, a2, a3) = (initial, initial, initial, initial)
                                        for tap in 0..<tapCount {
                                            let line = UnsafeRawPointer(rowBase + offsets[tap] + x)
                                            let w = V(repeating: taps[tap])
                                            a0.addProduct(w, line.loadUnaligned(as: V.self))
                                            a1.addProduct(w, line.loadUnaligned(fromByteOffset: 32, as: V.self))
                                            a2.addProduct(w, line.loadUnaligned(fromByteOffset: 64, as: V.self))
                                            a3.addProduct(w, line.loadUnaligned(fromByteOffset: 96, as: V.self))
                                        }
                                        if relu {
                                            a0 = a0.replacing(with: 0, where: a0 .< 0); a1 = a1.replacing(with: 0, where: a1 .< 0)
                                            a2 = a2.replacing(with: 0, where: a2 .< 0); a3 = a3.replacing(with: 0, where: a3 .< 0)
                                        }
                                        let target = UnsafeMutableRawPointer(out + x)
                                        target.storeBytes(of: a0, as: V.self)
                                        target.storeBytes(of: a1, toByteOffset: 32, as: V.self)
                                        target.storeBytes(of: a2, toByteOffset: 64, as: V.self)
                                        target.storeBytes(of: a3, toByteOffset: 96, as: V.self)
                                        x += 32
                                    }
                                    while x < outputWidth {
                                        var acc = initial
                                        for tap in 0..<tapCount {
                                            let value = UnsafeRawPointer(rowBase + offsets[tap] + x).loadUnaligned(as: V.self)
                                            acc.addProduct(V(repeating: taps[tap]), value)
                                        }
                                        if relu { acc = acc.replacing(with: 0, where: acc .< 0) }
                                        if x + 8 <= outputWidth {
                                            UnsafeMutableRawPointer(out + x).storeBytes(of: acc, as: V.self)
                                        } else {
                                            for lane in 0..<(outputWidth - x) { out[x + lane] = acc[lane] }
                                        }
                                        x += 8
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
