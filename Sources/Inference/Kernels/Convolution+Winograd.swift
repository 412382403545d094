import CBLAS

extension Convolution {
    /// Whether Winograd F(4×4, 3×3) suits a convolution: 3×3, stride 1, ungrouped, with enough
    /// channels that the 36 GEMMs dominate the transforms (MicroAST's 64→64, most of VGG).
    static func prefersWinograd(kernel: Int, stride: Int, groups: Int, inputChannels: Int, outputChannels: Int) -> Bool {
        kernel == 3 && stride == 1 && groups == 1 && inputChannels >= 16 && outputChannels >= 16
    }

    /// Bytes of transformed input per step (36 × channels × tiles floats).
    static let winogradBudgetBytes = 6 << 20

    /// Winograd F(4×4, 3×3): 4×4 output tiles from 6×6 input tiles, 36 GEMMs instead of one with
    /// 9× the depth, i.e. 4× fewer multiplications. Runs a few tile rows per step.
    func forwardWinograd(_ input: RowBand, outputRows: Range<Int>, into output: inout Tensor, context: ComputeContext) {
        let winograd = winogradWeights!
        let width = input.tensor.width
        let tilesAcross = (width + 3) / 4
        let vectorTiles = (tilesAcross + 7) / 8 * 8
        let tileRowsTotal = (outputRows.count + 3) / 4
        let tileRowsPerStep = max(1, min(tileRowsTotal, Self.winogradBudgetBytes / (36 * max(inputChannels, outputChannels) * vectorTiles * 4)))
        let maxTiles = tileRowsPerStep * vectorTiles
        let transformed = FloatBuffer(count: 36 * inputChannels * maxTiles, pool: context.pool)
        let products = FloatBuffer(count: 36 * outputChannels * maxTiles, pool: context.pool)
        let outputPlane = output.planeSize
        withExtendedLifetime((transformed, products)) {
            let v = UnsafeMutableBufferPointer(start: transformed.base, count: transformed.count)
            let m = UnsafeMutableBufferPointer(start: products.base, count: products.count)
            do {
                input.tensor.withUnsafeBufferPointer { src in
                    output.withUnsafeMutableBufferPointer { dst in
                        winograd.values.withUnsafeBufferPointer { u in
                            var tileRow = 0
                            while tileRow < tileRowsTotal, !context.isStopping {
                                let rows = min(tileRowsPerStep, tileRowsTotal - tileRow)
                                let tiles = rows * vectorTiles
                                let firstOutputRow = outputRows.lowerBound + tileRow * 4
                                winogradInputTransform(input, source: src.baseAddress!, firstOutputRow: firstOutputRow,
                                                       tileRows: rows, vectorTiles: vectorTiles, into: v.baseAddress!, context: context)
                                let (uAddress, vAddress) = (UnsafeSendablePointer(u.baseAddress!), UnsafeSendablePointer(v.baseAddress!))
                                let mAddress = UnsafeMutableSendablePointer(m.baseAddress!)
                                let (outputs, inputs) = (outputChannels, inputChannels)
                                context.independentJobs(36) { xi in
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                                Int32(outputs), Int32(tiles), Int32(inputs),
                                                1, uAddress.pointer + xi * outputs * inputs, Int32(inputs),
                                                vAddress.pointer + xi * inputs * tiles, Int32(tiles),
                                                0, mAddress.pointer + xi * outputs * tiles, Int32(tiles))
                                }
                                let validRows = min(4 * rows, outputRows.upperBound - firstOutputRow)
                                winogradOutputTransform(m.baseAddress!, tiles: tiles, vectorTiles: vectorTiles,
                                                        validRows: validRows, width: width,
                                                        into: dst.baseAddress! + (firstOutputRow - outputRows.lowerBound) * width,
                                                        outputPlane: outputPlane, context: context)
                                tileRow += rows
                            }
                        }
                    }
                }
            }
        }
    }
}
