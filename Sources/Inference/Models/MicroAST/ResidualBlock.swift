/// MicroAST's residual block: x + conv2(relu(conv1(x))), both 3×3 and reflection-padded.
/// The decoder's variant modulates both convolutions' activations with the style's kernels:
/// x2 = w·conv1(x) + b·x, x3 = relu(x2), x5 = w·conv2(x3) + b·x3, output x + x5.
/// It runs as two row-local layers (`ResidualBranch`, `ResidualJoin`) so that chains of blocks,
/// and blocks followed by the decoder's tail, run band by band.
struct ResidualBlock: Sendable {
    let conv1: Convolution
    let conv2: Convolution
    /// conv1 without its fused ReLU, for the modulated variant where the ReLU follows modulation.
    let conv1Linear: Convolution

    init(weights: WeightSet, prefix: String, channels: Int) throws {
        conv1 = try weights.convolution(prefix + ".conv1.conv_layer", input: channels, output: channels, kernel: 3, relu: true)
        conv1Linear = try weights.convolution(prefix + ".conv1.conv_layer", input: channels, output: channels, kernel: 3, relu: false)
        conv2 = try weights.convolution(prefix + ".conv2.conv_layer", input: channels, output: channels, kernel: 3, relu: false)
    }

    /// The block as layers of a `LayerChain`, modulated when `modulation` is given.
    func chainLayers(modulation: ResidualModulation? = nil) -> [any RowLocalLayer] {
        [ResidualBranch(conv1: modulation == nil ? conv1 : conv1Linear, modulation: modulation),
         ResidualJoin(conv2: conv2, modulation: modulation)]
    }

    /// The block on a whole map.
    func apply(_ input: Tensor, modulation: ResidualModulation? = nil, context: ComputeContext) -> Tensor {
        LayerChain(chainLayers(modulation: modulation)).run(input, context: context)
    }

    var layers: [Convolution] { [conv1, conv2] }
}
