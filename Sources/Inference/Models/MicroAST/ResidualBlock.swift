/// MicroAST's residual block: x + conv2(relu(conv1(x))), both 3×3 and reflection-padded.
/// The decoder's variant modulates both convolutions' activations with the style's kernels
/// (see `apply(_:weight:bias:context:)`).
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

    /// `input` is consumed so the sum can reuse its storage instead of copying a large map.
    func apply(_ input: consuming Tensor, context: ComputeContext) -> Tensor {
        var x = consume input
        let y = conv2.apply(conv1.apply(x, context: context), context: context)
        x.add(y, context: context)
        return x
    }

    /// The modulated block of MicroAST's decoder:
    /// x2 = w·conv1(x) + b·x, x3 = relu(x2), x5 = w·conv2(x3) + b·x3, output x + x5.
    func apply(_ input: consuming Tensor, weight: [Float], bias: [Float], context: ComputeContext) -> Tensor {
        var x = consume input
        let x5: Tensor
        do {
            var x3 = conv1Linear.apply(x, context: context)
            x3.modulate(weight: weight, bias: bias, other: x, relu: true, context: context)
            var x4 = conv2.apply(x3, context: context)
            x4.modulate(weight: weight, bias: bias, other: x3, relu: false, context: context)
            x5 = x4
        }
        x.add(x5, context: context)
        return x
    }

    var layers: [Convolution] { [conv1, conv2] }
}
