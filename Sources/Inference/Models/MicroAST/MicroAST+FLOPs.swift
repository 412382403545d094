extension MicroAST {
    /// FLOPs (2 × MACs) of the content encoder and decoder for a content of `width` × `height`.
    func contentFlops(width: Int, height: Int) -> Double {
        var (h, w) = (height, width)
        var total = 0.0
        for layer in contentEncoder.head.layers {
            let size = layer.outputSize(height: h, width: w)
            (h, w) = (size.height, size.width)
            if let conv = layer as? Convolution { total += 2 * Double(conv.macsPerPixel * h * w) }
        }
        let quarter = Double(h * w)
        for conv in contentEncoder.residual1.layers + contentEncoder.residual2.layers
            + decoder.block1.layers + decoder.block2.layers {
            total += 2 * Double(conv.macsPerPixel) * quarter
        }
        for layer in decoder.tail.layers {
            let size = layer.outputSize(height: h, width: w)
            (h, w) = (size.height, size.width)
            if let conv = layer as? Convolution { total += 2 * Double(conv.macsPerPixel * h * w) }
        }
        return total
    }

    /// FLOPs of the style encoder and modulator for a square style of `side` px.
    func styleFlops(side: Int) -> Double {
        var (h, w) = (side, side)
        var total = 0.0
        for layer in styleEncoder.head.layers {
            let size = layer.outputSize(height: h, width: w)
            (h, w) = (size.height, size.width)
            if let conv = layer as? Convolution { total += 2 * Double(conv.macsPerPixel * h * w) }
        }
        for conv in styleEncoder.residual1.layers + styleEncoder.residual2.layers + modulator.layers {
            total += 2 * Double(conv.macsPerPixel * h * w)
        }
        return total
    }
}
