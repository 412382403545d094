/// MicroAST's style modulator: depthwise 3×3 convolutions of the style features, globally
/// averaged into per-channel kernels (w) and biases (b) that modulate the decoder's residual blocks.
struct MicroASTModulator: Sendable {
    let weight1: Convolution
    let bias1: Convolution
    let weight2: Convolution
    let bias2: Convolution

    init(weights: WeightSet) throws {
        func depthwise(_ name: String) throws -> Convolution {
            try weights.convolution(name + ".0.conv_layer", input: 64, output: 64, kernel: 3, groups: 64, relu: false)
        }
        weight1 = try depthwise("weight1")
        bias1 = try depthwise("bias1")
        weight2 = try depthwise("weight2")
        bias2 = try depthwise("bias2")
    }

    /// (w0, w1, b0, b1) from the style encoder's two feature maps.
    func modulation(_ feature0: Tensor, _ feature1: Tensor, context: ComputeContext) -> [[Float]] {
        [
            weight1.apply(feature0, context: context).channelMeans(context: context),
            weight2.apply(feature1, context: context).channelMeans(context: context),
            bias1.apply(feature0, context: context).channelMeans(context: context),
            bias2.apply(feature1, context: context).channelMeans(context: context),
        ]
    }

    var layers: [Convolution] { [weight1, bias1, weight2, bias2] }
}
