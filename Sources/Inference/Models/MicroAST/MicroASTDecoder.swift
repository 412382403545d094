/// MicroAST's decoder: two style-modulated residual blocks with AdaIN before each, then two
/// stages of bilinear 2× upsampling, grouped 3×3 and 1×1 convolutions, and a final 9×9 to RGB.
struct MicroASTDecoder: Sendable {
    let block1: ResidualBlock
    let block2: ResidualBlock
    /// Everything after dec2: row-local, run band by band at full resolution.
    let tail: LayerChain

    init(weights: WeightSet) throws {
        block1 = try ResidualBlock(weights: weights, prefix: "dec1", channels: 64)
        block2 = try ResidualBlock(weights: weights, prefix: "dec2", channels: 64)
        tail = LayerChain([
            BilinearUpsample(),
            try weights.convolution("dec3.1.conv_layer", input: 64, output: 32, kernel: 3, groups: 32, relu: true),
            try weights.convolution("dec3.3.conv_layer", input: 32, output: 32, kernel: 1, relu: true),
            BilinearUpsample(),
            try weights.convolution("dec3.6.conv_layer", input: 32, output: 16, kernel: 3, groups: 16, relu: true),
            try weights.convolution("dec3.8.conv_layer", input: 16, output: 16, kernel: 1, relu: true),
            try weights.convolution("dec3.10.conv_layer", input: 16, output: 3, kernel: 9, relu: false),
        ])
    }

    /// Decodes the content's deep features with the (blended) style code at strength `alpha`.
    /// The second modulated block runs in one chain with the tail, so its output, the largest
    /// map after the encoder's, is never whole.
    func decode(_ features: consuming Tensor, code: MicroASTStyleCode, alpha: Float,
                smoother: ContentStatisticsSmoother? = nil, context: ComputeContext) -> Tensor {
        let x = untilSecondBlock(features, code: code, alpha: alpha, smoother: smoother, sites: 0, context: context)
        return LayerChain(block2.chainLayers(modulation: Self.modulation0(code)) + tail.layers).run(x, context: context)
    }

    /// The style-dependent part: AdaIN and the modulated residual blocks, at feature resolution.
    /// `sites` numbers the two AdaIN steps (`sites`, `sites + 1`) for the smoother.
    func modulate(_ features: consuming Tensor, code: MicroASTStyleCode, alpha: Float,
                  smoother: ContentStatisticsSmoother?, sites: Int, context: ComputeContext) -> Tensor {
        let x = untilSecondBlock(features, code: code, alpha: alpha, smoother: smoother, sites: sites, context: context)
        return block2.apply(x, modulation: Self.modulation0(code), context: context)
    }

    /// AdaIN of the content features, the first modulated block, and the second AdaIN: the
    /// steps that need a whole map (AdaIN's statistics are global).
    private func untilSecondBlock(_ features: consuming Tensor, code: MicroASTStyleCode, alpha: Float,
                                  smoother: ContentStatisticsSmoother?, sites: Int, context: ComputeContext) -> Tensor {
        var x = consume features
        x.applyAdaIN(styleMean: code.mean1, styleStd: code.std1, alpha: alpha, smoother: smoother, site: sites, context: context)
        x = block1.apply(x, modulation: ResidualModulation(weight: Array(code.w1), bias: Array(code.b1)), context: context)
        x.applyAdaIN(styleMean: code.mean0, styleStd: code.std0, alpha: alpha, smoother: smoother, site: sites + 1, context: context)
        return x
    }

    private static func modulation0(_ code: MicroASTStyleCode) -> ResidualModulation {
        ResidualModulation(weight: Array(code.w0), bias: Array(code.b0))
    }

    var layers: [Convolution] { block1.layers + block2.layers + tail.layers.compactMap { $0 as? Convolution } }
}
