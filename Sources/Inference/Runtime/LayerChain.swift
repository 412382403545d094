/// A sequence of row-local layers run band by band: the final output is produced in bands of
/// rows, each layer computes every one of its rows exactly once, and only the rows still needed
/// by the next band (the halo) are kept between bands. Peak memory is therefore the input, the
/// output and a few bands, however large the image.
struct LayerChain: Sendable {
    let layers: [any RowLocalLayer]
    /// Largest intermediate band, in bytes, the chain aims for.
    let bandBudgetBytes: Int

    init(_ layers: [any RowLocalLayer], bandBudgetBytes: Int = 12 << 20) {
        self.layers = layers
        self.bandBudgetBytes = bandBudgetBytes
    }

    /// Shapes (channels, height, width) of the input and after every layer.
    func shapes(channels: Int, height: Int, width: Int) -> [(c: Int, h: Int, w: Int)] {
        var shapes = [(c: channels, h: height, w: width)]
        for layer in layers {
            let last = shapes[shapes.count - 1]
            let size = layer.outputSize(height: last.h, width: last.w)
            shapes.append((layer.outputChannels(inputChannels: last.c), size.height, size.width))
        }
        return shapes
    }

    func run(_ input: Tensor, context: ComputeContext) -> Tensor {
        let shapes = shapes(channels: input.channels, height: input.height, width: input.width)
        let final = shapes[shapes.count - 1]
        let bandRows = chooseBandRows(shapes, budget: context.bandBudgetBytes ?? bandBudgetBytes)
        if bandRows >= final.h {
            var tensor = input
            for layer in layers {
                // Stopping still answers the chain's shape: the caller's next layer checks it.
                if context.isStopping { return Tensor(uninitializedChannels: final.c, height: final.h, width: final.w, pool: context.pool) }
                tensor = layer.apply(tensor, context: context)
            }
            return tensor
        }

        var output = Tensor(uninitializedChannels: final.c, height: final.h, width: final.w, pool: context.pool)
        let whole = RowBand(whole: input)
        // cached[i]: the band of layer i's output (i = 0 is the chain's input) kept from the previous step.
        var cached = [RowBand?](repeating: nil, count: layers.count + 1)
        var start = 0
        while start < final.h, !context.isStopping {
            let end = min(final.h, start + bandRows)
            var need = [Range<Int>](repeating: 0..<0, count: layers.count + 1)
            var fresh = need
            need[layers.count] = start..<end
            for index in stride(from: layers.count, through: 1, by: -1) {
                let have = cached[index]?.rows.upperBound ?? 0
                let lower = min(max(need[index].lowerBound, have), need[index].upperBound)
                fresh[index] = lower..<need[index].upperBound
                need[index - 1] = fresh[index].isEmpty ? fresh[index]
                    : layers[index - 1].inputRows(for: fresh[index], inputHeight: shapes[index - 1].h)
            }
            var band = need[0].isEmpty ? nil : whole.slice(need[0], pool: context.pool)
            for index in 1...layers.count {
                var computed: RowBand? = nil
                if !fresh[index].isEmpty, let source = band {
                    let tensor = layers[index - 1].forward(source, outputRows: fresh[index], context: context)
                    computed = RowBand(tensor: tensor, firstRow: fresh[index].lowerBound, fullHeight: shapes[index].h)
                }
                band = Self.join(kept: cached[index], fresh: computed, covering: need[index], pool: context.pool)
                // A step that needs nothing from this layer must not drop the rows kept for the next one.
                if band != nil { cached[index] = band }
            }
            if let band { Self.copy(band, into: &output) }
            start = end
        }
        return output
    }

    /// Rows per final band such that no intermediate band exceeds the budget (at least 1).
    private func chooseBandRows(_ shapes: [(c: Int, h: Int, w: Int)], budget: Int) -> Int {
        let final = shapes[shapes.count - 1]
        var rows = final.h
        while rows > 1 {
            var range = 0..<rows
            var worst = range.count * final.c * final.w * 4
            for index in stride(from: layers.count, through: 1, by: -1) {
                range = layers[index - 1].inputRows(for: range, inputHeight: shapes[index - 1].h)
                worst = max(worst, range.count * shapes[index - 1].c * shapes[index - 1].w * 4)
            }
            if worst <= budget { break }
            rows = (rows + 1) / 2
        }
        return rows
    }

    /// The band covering `rows`, made of the kept band's tail and the freshly computed rows.
    private static func join(kept: RowBand?, fresh: RowBand?, covering rows: Range<Int>, pool: BufferPool?) -> RowBand? {
        if rows.isEmpty { return nil }
        if let fresh, fresh.rows == rows { return fresh }
        guard let kept else { return fresh }
        if fresh == nil { return kept.slice(rows, pool: pool) }
        let fresh = fresh!
        let keptRows = rows.lowerBound..<fresh.firstRow
        precondition(keptRows.lowerBound >= kept.firstRow && keptRows.upperBound <= kept.rows.upperBound, "band bookkeeping")
        let width = fresh.tensor.width
        let channels = fresh.tensor.channels
        var tensor = Tensor(uninitializedChannels: channels, height: rows.count, width: width, pool: pool)
        let keptCount = keptRows.count * width
        let freshCount = fresh.tensor.planeSize
        let keptOffset = (keptRows.lowerBound - kept.firstRow) * width
        tensor.withUnsafeMutableBufferPointer { dst in
            kept.tensor.withUnsafeBufferPointer { k in
                fresh.tensor.withUnsafeBufferPointer { f in
                    for c in 0..<channels {
                        let out = dst.baseAddress! + c * rows.count * width
                        out.update(from: k.baseAddress! + c * kept.tensor.planeSize + keptOffset, count: keptCount)
                        (out + keptCount).update(from: f.baseAddress! + c * freshCount, count: freshCount)
                    }
                }
            }
        }
        return RowBand(tensor: tensor, firstRow: rows.lowerBound, fullHeight: fresh.fullHeight)
    }

    private static func copy(_ band: RowBand, into output: inout Tensor) {
        let width = output.width
        let count = band.tensor.height * width
        let plane = output.planeSize
        let offset = band.firstRow * width
        let channels = output.channels
        output.withUnsafeMutableBufferPointer { dst in
            band.tensor.withUnsafeBufferPointer { src in
                for c in 0..<channels {
                    (dst.baseAddress! + c * plane + offset).update(from: src.baseAddress! + c * count, count: count)
                }
            }
        }
    }
}
