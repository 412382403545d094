import CBLAS

extension Convolution {
    /// Bytes of im2col scratch per GEMM: small enough to stay in cache, large enough for the
    /// GEMM to run near its peak.
    static let im2colBudgetBytes = 4 << 20

    /// 1×1 convolution: one GEMM reading the input band in place.
    func forwardPointwise(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let width = input.tensor.width
        let columns = outputRows.count * width
        let inputOffset = (outputRows.lowerBound - input.firstRow) * width
        input.tensor.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                weights.withUnsafeBufferPointer { w in
                    context.gemm(m: outputChannels, n: columns, k: inputChannels, a: w.baseAddress!, lda: inputChannels,
                                 b: src.baseAddress! + inputOffset, ldb: input.tensor.planeSize,
                                 c: dst.baseAddress!, ldc: columns)
                }
                finish(dst.baseAddress!, planeStride: columns, offset: 0, count: columns, context: context)
            }
        }
    }

    /// k×k convolution: im2col of a few output rows at a time, each followed by one GEMM
    /// writing straight into the output's rows.
    func forwardIm2col(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let outputWidth = output.width
        let depth = inputChannels * kernel * kernel
        let rowsPerStep = max(1, min(outputRows.count, Self.im2colBudgetBytes / (depth * outputWidth * 4)))
        let plane = output.planeSize
        var columnsBuffer = [Float](unsafeUninitializedCapacity: depth * rowsPerStep * outputWidth) { _, n in
            n = depth * rowsPerStep * outputWidth
        }
        input.tensor.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                columnsBuffer.withUnsafeMutableBufferPointer { cols in
                    weights.withUnsafeBufferPointer { w in
                        var row = outputRows.lowerBound
                        while row < outputRows.upperBound, !context.isStopping {
                            let rows = min(rowsPerStep, outputRows.upperBound - row)
                            let columns = rows * outputWidth
                            im2col(input, source: src.baseAddress!, rows: row..<(row + rows), outputWidth: outputWidth,
                                   into: cols.baseAddress!, context: context)
                            let offset = (row - outputRows.lowerBound) * outputWidth
                            context.gemm(m: outputChannels, n: columns, k: depth, a: w.baseAddress!, lda: depth,
                                         b: cols.baseAddress!, ldb: columns, c: dst.baseAddress! + offset, ldc: plane)
                            finish(dst.baseAddress!, planeStride: plane, offset: offset, count: columns, context: context)
                            row += rows
                        }
                    }
                }
            }
        }
    }

    /// Fills the `[depth][rows × outputWidth]` column matrix for output `rows`.
    private func im2col(_ input: RowBand, source: UnsafePointer<Float>, rows: Range<Int>, outputWidth: Int,
                        into columns: UnsafeMutablePointer<Float>, context: ComputeContext) {
        let width = input.tensor.width
        let inputPlane = input.tensor.planeSize
        let pad = padding
        let k = kernel
        let s = stride
        let columnCount = rows.count * outputWidth
        let padded = width + 2 * pad
        let columnsAddress = UnsafeMutableSendablePointer(columns)
        let sourceAddress = UnsafeSendablePointer(source)
        context.parallelRanges(inputChannels * k, minimumChunk: 4) { range in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            defer { scratch.deallocate() }
            for channelRow in range {
                let channel = channelRow / k
                let ky = channelRow % k
                for (index, y) in rows.enumerated() {
                    let inputRow = reflect(y * s - pad + ky, input.fullHeight) - input.firstRow
                    reflectPadRow(sourceAddress.pointer + channel * inputPlane + inputRow * width, width: width, pad: pad, into: scratch)
                    for kx in 0..<k {
                        let out = columnsAddress.pointer + (channelRow * k + kx) * columnCount + index * outputWidth
                        if s == 1 {
                            out.update(from: scratch + kx, count: outputWidth)
                        } else {
                            for x in 0..<outputWidth { out[x] = scratch[x * s + kx] }
                        }
                    }
                }
            }
        }
    }

    /// Adds the bias and applies the ReLU to `count` elements of every output channel.
    func finish(_ output: UnsafeMutablePointer<Float>, planeStride: Int, offset: Int, count: Int, context: ComputeContext) {
        let address = UnsafeMutableSendablePointer(output)
        let relu = self.relu
        bias.withUnsafeBufferPointer { b in
            let biasAddress = UnsafeSendablePointer(b.baseAddress!)
            context.parallelRanges(outputChannels, minimumChunk: max(1, 16384 / max(1, count))) { channels in
                for channel in channels {
                    let row = address.pointer + channel * planeStride + offset
                    let value = biasAddress.pointer[channel]
                    if relu {
                        for x in 0..<count { row[x] = max(row[x] + value, 0) }
                    } else {
                        for x in 0..<count { row[x] += value }
                    }
                }
            }
        }
    }
}
