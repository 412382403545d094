/// A 2-D convolution with reflection padding of `kernel / 2` (MicroAST's ConvLayer, the
/// reflection-padded convolutions of pytorch-AdaIN), optional grouping and a fused ReLU.
///
/// Ungrouped convolutions run as GEMMs on OpenBLAS (1×1 directly on the input, larger kernels
/// through an im2col of a few output rows at a time); grouped ones run a direct kernel.
struct Convolution: RowLocalLayer {
    let inputChannels: Int
    let outputChannels: Int
    let kernel: Int
    let stride: Int
    let groups: Int
    let relu: Bool
    /// `[outputChannels][inputChannels / groups][kernel][kernel]`, row-major.
    let weights: [Float]
    let bias: [Float]
    /// Transformed weights when the layer runs as Winograd F(4×4, 3×3).
    let winogradWeights: WinogradWeights?

    var padding: Int { kernel / 2 }

    init(weight: WeightTensor, bias: WeightTensor, stride: Int = 1, groups: Int = 1, relu: Bool) {
        precondition(weight.shape.count == 4 && weight.shape[2] == weight.shape[3], "convolution weight must be [out, in/groups, k, k]")
        precondition(bias.shape == [weight.shape[0]], "bias must have one value per output channel")
        let outputChannels = weight.shape[0]
        self.outputChannels = outputChannels
        let inputChannels = weight.shape[1] * groups
        self.inputChannels = inputChannels
        let kernel = weight.shape[2]
        self.kernel = kernel
        self.stride = stride
        self.groups = groups
        self.relu = relu
        self.weights = weight.values
        self.bias = bias.values
        let winograd = Self.prefersWinograd(kernel: kernel, stride: stride, groups: groups,
                                            inputChannels: inputChannels, outputChannels: outputChannels)
        self.winogradWeights = winograd
            ? WinogradWeights(weights: weight.values, outputChannels: outputChannels, inputChannels: inputChannels) : nil
    }

    /// Multiply-adds per output pixel (grouped convolutions count only their groups' inputs).
    var macsPerPixel: Int { outputChannels * (inputChannels / groups) * kernel * kernel }

    func outputChannels(inputChannels: Int) -> Int { outputChannels }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        ((height + 2 * padding - kernel) / stride + 1, (width + 2 * padding - kernel) / stride + 1)
    }

    func inputRows(for outputRows: Range<Int>, inputHeight: Int) -> Range<Int> {
        if outputRows.isEmpty { return 0..<0 }
        return clampRows(outputRows.lowerBound * stride - padding,
                         (outputRows.upperBound - 1) * stride - padding + kernel, height: inputHeight)
    }

    func forward(_ input: RowBand, outputRows: Range<Int>, context: ComputeContext) -> Tensor {
        precondition(input.tensor.channels == inputChannels, "convolution expects \(inputChannels) channels, got \(input.tensor.channels)")
        let outputWidth = outputSize(height: input.fullHeight, width: input.tensor.width).width
        var output = Tensor(uninitializedChannels: outputChannels, height: outputRows.count, width: outputWidth, pool: context.pool)
        output.prefault(context: context)
        if groups > 1 {
            forwardGrouped(input, outputRows: outputRows, into: &output, context: context)
        } else if winogradWeights != nil {
            forwardWinograd(input, outputRows: outputRows, into: &output, context: context)
        } else if prefersDirectKernel {
            forwardDirect(input, outputRows: outputRows, into: &output, context: context)
        } else if kernel == 1 && stride == 1 {
            forwardPointwise(input, outputRows: outputRows, into: &output, context: context)
        } else {
            forwardIm2col(input, outputRows: outputRows, into: &output, context: context)
        }
        return output
    }
}
