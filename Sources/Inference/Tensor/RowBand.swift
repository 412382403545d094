/// Consecutive rows `firstRow ..< firstRow + tensor.height` of a feature map whose full height is
/// `fullHeight`. Row-local layers (convolutions, upsampling, pooling) consume and produce bands,
/// which lets the engine run full-resolution layers band by band instead of materialising them.
struct RowBand: Sendable {
    var tensor: Tensor
    let firstRow: Int
    let fullHeight: Int

    var rows: Range<Int> { firstRow ..< firstRow + tensor.height }

    /// The whole tensor as one band (no copy).
    init(whole tensor: Tensor) {
        self.tensor = tensor
        self.firstRow = 0
        self.fullHeight = tensor.height
    }

    init(tensor: Tensor, firstRow: Int, fullHeight: Int) {
        self.tensor = tensor
        self.firstRow = firstRow
        self.fullHeight = fullHeight
    }

    /// Rows `range` (global indices, within this band) as a new band; returns self when equal.
    func slice(_ range: Range<Int>, pool: BufferPool?) -> RowBand {
        precondition(range.lowerBound >= firstRow && range.upperBound <= firstRow + tensor.height, "slice \(range) outside band \(rows)")
        if range == rows { return self }
        let width = tensor.width
        let count = range.count
        var out = Tensor(uninitializedChannels: tensor.channels, height: count, width: width, pool: pool)
        let offset = (range.lowerBound - firstRow) * width
        let inPlane = tensor.planeSize
        let outPlane = count * width
        tensor.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for c in 0..<tensor.channels {
                    (dst.baseAddress! + c * outPlane).update(from: src.baseAddress! + c * inPlane + offset, count: outPlane)
                }
            }
        }
        return RowBand(tensor: out, firstRow: range.lowerBound, fullHeight: fullHeight)
    }
}
