/// MicroAST's encoder (content and style encoders share the architecture, not the weights):
/// a 9×9 convolution, two stride-2 grouped convolutions with 1×1 mixing, then two residual blocks
/// whose outputs are the two 64-channel feature maps at a quarter of the input's resolution.
struct MicroASTEncoder: Sendable {
    /// enc1.0 … enc1.8: row-local, run band by band so full-resolution maps never exist whole.
    let head: LayerChain
    let residual1: ResidualBlock
    let residual2: ResidualBlock

    init(weights: WeightSet) throws {
        head = LayerChain([
            try weights.convolution("enc1.0.conv_layer", input: 3, output: 16, kernel: 9, relu: true),
            try weights.convolution("enc1.2.conv_layer", input: 16, output: 32, kernel: 3, stride: 2, groups: 16, relu: true),
            try weights.convolution("enc1.4.conv_layer", input: 32, output: 32, kernel: 1, relu: true),
            try weights.convolution("enc1.6.conv_layer", input: 32, output: 64, kernel: 3, stride: 2, groups: 32, relu: true),
            try weights.convolution("enc1.8.conv_layer", input: 64, output: 64, kernel: 1, relu: true),
        ])
        residual1 = try ResidualBlock(weights: weights, prefix: "enc1.10", channels: 64)
        residual2 = try ResidualBlock(weights: weights, prefix: "enc2.0", channels: 64)
    }

    /// Both feature maps (enc1.10's and enc2.0's outputs).
    func features(_ image: Tensor, context: ComputeContext) -> (Tensor, Tensor) {
        let first = LayerChain(head.layers + residual1.chainLayers()).run(image, context: context)
        return (first, residual2.apply(first, context: context))
    }

    /// Only the deeper feature map, which is all the decoder needs: the whole encoder runs as one
    /// chain of bands, so no full- or quarter-resolution map but its output ever exists whole.
    func deepFeatures(_ image: Tensor, context: ComputeContext) -> Tensor {
        LayerChain(head.layers + residual1.chainLayers() + residual2.chainLayers()).run(image, context: context)
    }

    var layers: [Convolution] {
        head.layers.compactMap { $0 as? Convolution } + residual1.layers + residual2.layers
    }
}
