extension Convolution {
    /// V[ξ][c][tile] = (Bᵀ d B)[ξ] for the 6×6 input patch d of every tile, 8 tiles per vector.
    /// Each padded input row is first split into its four column phases, so the patches of
    /// 8 neighbouring tiles load as contiguous vectors.
    func winogradInputTransform(_ input: RowBand, source: UnsafePointer<Float>, firstOutputRow: Int, tileRows: Int,
                                        vectorTiles: Int, into transformed: UnsafeMutablePointer<Float>, context: ComputeContext) {
        let width = input.tensor.width
        let inputPlane = input.tensor.planeSize
        let tiles = tileRows * vectorTiles
        let phaseLength = vectorTiles + 8
        let paddedRows = 4 * tileRows + 2
        let sourceAddress = UnsafeSendablePointer(source)
        let out = UnsafeMutableSendablePointer(transformed)
        let channels = inputChannels
        let firstRow = input.firstRow
        let bandEnd = input.firstRow + input.tensor.height
        let fullHeight = input.fullHeight
        context.parallelRanges(channels) { range in
            typealias V = SIMD8<Float>
            // phases[row][phase][phaseLength]: column 4t + phase - 1 of the padded row (reflected at the edges, zero beyond).
            let phases = UnsafeMutablePointer<Float>.allocate(capacity: paddedRows * 4 * phaseLength)
            let line = UnsafeMutablePointer<Float>.allocate(capacity: 4 * phaseLength)
            let e = UnsafeMutablePointer<V>.allocate(capacity: 36)
            defer { phases.deallocate(); line.deallocate(); e.deallocate() }
            for channel in range {
                for r in 0..<paddedRows {
                    var row = firstOutputRow - 1 + r
                    if row == -1 { row = 1 } else if row == fullHeight { row = fullHeight - 2 }
                    let rowPhases = phases + r * 4 * phaseLength
                    if row < 0 || row >= fullHeight || row >= bandEnd {
                        rowPhases.initialize(repeating: 0, count: 4 * phaseLength)
                        continue
                    }
                    line.initialize(repeating: 0, count: 4 * phaseLength)
                    reflectPadRow(sourceAddress.pointer + channel * inputPlane + (row - firstRow) * width, width: width, pad: 1, into: line)
                    for t in 0..<phaseLength {
                        rowPhases[t] = line[4 * t]
                        rowPhases[phaseLength + t] = line[4 * t + 1]
                        rowPhases[2 * phaseLength + t] = line[4 * t + 2]
                        rowPhases[3 * phaseLength + t] = line[4 * t + 3]
                    }
                }
                for tileRow in 0..<tileRows {
                    for t in Swift.stride(from: 0, to: vectorTiles, by: 8) {
                        // e[j][i'] = (d B)[j][i'] for the six rows j of the patch.
                        for j in 0..<6 {
                            let base = UnsafeRawPointer(phases + (4 * tileRow + j) * 4 * phaseLength + t)
                            let d0 = base.loadUnaligned(as: V.self)
                            let d1 = base.loadUnaligned(fromByteOffset: phaseLength * 4, as: V.self)
                            let d2 = base.loadUnaligned(fromByteOffset: 2 * phaseLength * 4, as: V.self)
                            let d3 = base.loadUnaligned(fromByteOffset: 3 * phaseLength * 4, as: V.self)
                            let d4 = base.loadUnaligned(fromByteOffset: 4, as: V.self)
                            let d5 = base.loadUnaligned(fromByteOffset: phaseLength * 4 + 4, as: V.self)
                            let r = winogradBT(d0, d1, d2, d3, d4, d5)
                            e[j * 6] = r.0; e[j * 6 + 1] = r.1; e[j * 6 + 2] = r.2
                            e[j * 6 + 3] = r.3; e[j * 6 + 4] = r.4; e[j * 6 + 5] = r.5
                        }
                        for i in 0..<6 {
                            let c = winogradBT(e[i], e[6 + i], e[12 + i], e[18 + i], e[24 + i], e[30 + i])
                            let target = out.pointer + (i * channels + channel) * tiles + tileRow * vectorTiles + t
                            let step = 6 * channels * tiles
                            UnsafeMutableRawPointer(target).storeBytes(of: c.0, as: V.self)
                            UnsafeMutableRawPointer(target + step).storeBytes(of: c.1, as: V.self)
                            UnsafeMutableRawPointer(target + 2 * step).storeBytes(of: c.2, as: V.self)
                            UnsafeMutableRawPointer(target + 3 * step).storeBytes(of: c.3, as: V.self)
                            UnsafeMutableRawPointer(target + 4 * step).storeBytes(of: c.4, as: V.self)
                            UnsafeMutableRawPointer(target + 5 * step).storeBytes(of: c.5, as: V.self)
                        }
                    }
                }
            }
        }
    }

    /// Y = Aᵀ m A + bias (then ReLU) for every tile, written to the valid part of the output rows.
    func winogradOutputTransform(_ products: UnsafeMutablePointer<Float>, tiles: Int, vectorTiles: Int,
                                         validRows: Int, width: Int, into output: UnsafeMutablePointer<Float>,
                                         outputPlane: Int, context: ComputeContext) {
        let productsAddress = UnsafeSendablePointer(products)
        let out = UnsafeMutableSendablePointer(output)
        let channels = outputChannels
        let relu = self.relu
        bias.withUnsafeBufferPointer { biasBuffer in
            let biases = UnsafeSendablePointer(biasBuffer.baseAddress!)
            context.parallelRanges(channels) { range in
                typealias V = SIMD8<Float>
                let block = UnsafeMutablePointer<Float>.allocate(capacity: 16 * 8)
                let f = UnsafeMutablePointer<V>.allocate(capacity: 24)
                defer { block.deallocate(); f.deallocate() }
                for channel in range {
                    let b = V(repeating: biases.pointer[channel])
                    for tile in Swift.stride(from: 0, to: tiles, by: 8) {
                        let tileRow = tile / vectorTiles
                        let tileColumn = tile % vectorTiles
                        let step = 6 * channels * tiles
                        for i in 0..<6 {
                            let source = UnsafeRawPointer(productsAddress.pointer + (i * channels + channel) * tiles + tile)
                            let r = winogradAT(source.loadUnaligned(as: V.self),
                                               source.loadUnaligned(fromByteOffset: 4 * step, as: V.self),
                                               source.loadUnaligned(fromByteOffset: 8 * step, as: V.self),
                                               source.loadUnaligned(fromByteOffset: 12 * step, as: V.self),
                                               source.loadUnaligned(fromByteOffset: 16 * step, as: V.self),
                                               source.loadUnaligned(fromByteOffset: 20 * step, as: V.self))
                            f[i] = r.0; f[6 + i] = r.1; f[12 + i] = r.2; f[18 + i] = r.3
                        }
                        let zero = V(repeating: 0)
                        let outputRow0 = tileRow * 4
                        let x0 = tileColumn * 4
                        let interior = x0 + 32 <= width
                        for a in 0..<4 {
                            let y = winogradAT(f[a * 6], f[a * 6 + 1], f[a * 6 + 2], f[a * 6 + 3], f[a * 6 + 4], f[a * 6 + 5])
                            var values = (y.0 + b, y.1 + b, y.2 + b, y.3 + b)
                            if relu {
                                values.0 = values.0.replacing(with: zero, where: values.0 .< zero)
                                values.1 = values.1.replacing(with: zero, where: values.1 .< zero)
                                values.2 = values.2.replacing(with: zero, where: values.2 .< zero)
                                values.3 = values.3.replacing(with: zero, where: values.3 .< zero)
                            }
                            if interior {
                                // Lane i of column vector k is pixel 4i + k: interleave the four vectors.
                                if outputRow0 + a < validRows {
                                    let lowAC = zipLow(values.0, values.2), highAC = zipHigh(values.0, values.2)
                                    let lowBD = zipLow(values.1, values.3), highBD = zipHigh(values.1, values.3)
                                    let target = UnsafeMutableRawPointer(out.pointer + channel * outputPlane + (outputRow0 + a) * width + x0)
                                    target.storeBytes(of: zipLow(lowAC, lowBD), as: V.self)
                                    target.storeBytes(of: zipHigh(lowAC, lowBD), toByteOffset: 32, as: V.self)
                                    target.storeBytes(of: zipLow(highAC, highBD), toByteOffset: 64, as: V.self)
                                    target.storeBytes(of: zipHigh(highAC, highBD), toByteOffset: 96, as: V.self)
                                }
                                continue
                            }
                            let target = UnsafeMutableRawPointer(block + a * 32)
                            target.storeBytes(of: values.0, as: V.self)
                            target.storeBytes(of: values.1, toByteOffset: 32, as: V.self)
                            target.storeBytes(of: values.2, toByteOffset: 64, as: V.self)
                            target.storeBytes(of: values.3, toByteOffset: 96, as: V.self)
                        }
                        if interior { continue }
                        for a in 0..<4 where outputRow0 + a < validRows {
                            let rowStart = out.pointer + channel * outputPlane + (outputRow0 + a) * width
                            for lane in 0..<8 {
                                let x0 = (tileColumn + lane) * 4
                                if x0 >= width { break }
                                for k in 0..<min(4, width - x0) { rowStart[x0 + k] = block[(a * 4 + k) * 8 + lane] }
                            }
                        }
                    }
                }
            }
        }
    }
}

// Kept in this file so the compiler inlines them into the transforms even without
// whole-module optimisation (debug builds, which the tests use).

/// Bᵀ d for F(4, 3), on 8 tiles at once.
@inline(__always)
private func winogradBT(_ d0: SIMD8<Float>, _ d1: SIMD8<Float>, _ d2: SIMD8<Float>, _ d3: SIMD8<Float>,
                        _ d4: SIMD8<Float>, _ d5: SIMD8<Float>)
    -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    let four: SIMD8<Float> = .init(repeating: 4)
    let five: SIMD8<Float> = .init(repeating: 5)
    let two: SIMD8<Float> = .init(repeating: 2)
    let r0 = four * d0 - five * d2 + d4
    let r1 = d3 + d4 - four * (d1 + d2)
    let r2 = four * (d1 - d2) + d4 - d3
    let r3 = two * (d3 - d1) + d4 - d2
    let r4 = two * (d1 - d3) + d4 - d2
    let r5 = four * d1 - five * d3 + d5
    return (r0, r1, r2, r3, r4, r5)
}

/// Aᵀ m for F(4, 3), on 8 tiles at once.
@inline(__always)
private func winogradAT(_ m0: SIMD8<Float>, _ m1: SIMD8<Float>, _ m2: SIMD8<Float>, _ m3: SIMD8<Float>,
                        _ m4: SIMD8<Float>, _ m5: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    let sum12 = m1 + m2, diff12 = m1 - m2
    let sum34 = m3 + m4, diff34 = m3 - m4
    return (m0 + sum12 + sum34,
            diff12 + 2 * diff34,
            sum12 + 4 * sum34,
            diff12 + 8 * diff34 + m5)
}

/// (x0, y0, x1, y1, x2, y2, x3, y3).
@inline(__always)
private func zipLow(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
    SIMD8(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3])
}

/// (x4, y4, x5, y5, x6, y6, x7, y7).
@inline(__always)
private func zipHigh(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
    SIMD8(x[4], y[4], x[5], y[5], x[6], y[6], x[7], y[7])
}
