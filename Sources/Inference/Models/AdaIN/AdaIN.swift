import Foundation

/// Classic AdaIN (Huang & Belongie, "Arbitrary Style Transfer in Real-time with Adaptive
/// Instance Normalization", 2017) in the layout of naoto0804/pytorch-AdaIN: the normalised VGG-19
/// up to relu4_1 (`adain-vgg19-relu4_1.safetensors`) and the mirrored decoder
/// (`adain-decoder.safetensors`).
///
/// Several styles are interpolated as pytorch-AdaIN does, Σ wᵢ·AdaIN(c, sᵢ) with normalised
/// weights. AdaIN is affine in the style's mean and standard deviation, so that sum equals one
/// AdaIN with the weighted average of the style codes, which is how it is computed.
public struct AdaIN: StyleTransferModel {
    public var kind: ModelKind { .adain }

    let encoder: LayerChain
    let decoder: LayerChain
    let context: ComputeContext

    /// The weight files this model reads from `directory`.
    public static func files(in directory: URL) -> [URL] {
        [directory.appendingPathComponent("adain-vgg19-relu4_1.safetensors"),
         directory.appendingPathComponent("adain-decoder.safetensors")]
    }

    public init(directory: URL, context: ComputeContext = ComputeContext()) throws {
        let files = Self.files(in: directory)
        try ModelLocator.requireFiles(files, model: .adain)
        let vgg = try WeightSet(contentsOf: files[0])
        let dec = try WeightSet(contentsOf: files[1])
        func conv(_ set: WeightSet, _ index: Int, _ input: Int, _ output: Int, kernel: Int = 3, relu: Bool = true) throws -> Convolution {
            try set.convolution(String(index), input: input, output: output, kernel: kernel, relu: relu)
        }
        encoder = LayerChain([
            try conv(vgg, 0, 3, 3, kernel: 1, relu: false),
            try conv(vgg, 2, 3, 64), try conv(vgg, 5, 64, 64), MaxPool(),
            try conv(vgg, 9, 64, 128), try conv(vgg, 12, 128, 128), MaxPool(),
            try conv(vgg, 16, 128, 256), try conv(vgg, 19, 256, 256), try conv(vgg, 22, 256, 256), try conv(vgg, 25, 256, 256), MaxPool(),
            try conv(vgg, 29, 256, 512),
        ], bandBudgetBytes: 32 << 20)
        decoder = LayerChain([
            try conv(dec, 1, 512, 256), NearestUpsample(),
            try conv(dec, 5, 256, 256), try conv(dec, 8, 256, 256), try conv(dec, 11, 256, 256), try conv(dec, 14, 256, 128), NearestUpsample(),
            try conv(dec, 18, 128, 128), try conv(dec, 21, 128, 64), NearestUpsample(),
            try conv(dec, 25, 64, 64), try conv(dec, 28, 64, 3, relu: false),
        ], bandBudgetBytes: 32 << 20)
        self.context = context
    }

    /// The relu4_1 features of `image` (512 channels at an eighth of the resolution, rounded up).
    public func features(_ image: FloatImage) throws -> Tensor {
        encoder.run(try image.validated(role: "image", pool: context.pool), context: context)
    }

    public func encodeStyle(_ style: FloatImage) throws -> StyleCode {
        let (mean, std) = encoder.run(try style.validated(role: "style", pool: context.pool), context: context).channelMeanAndStd(context: context)
        return StyleCode(model: .adain, values: mean + std)
    }

    /// A mask applies AdaIN once per region to the same relu4_1 features and blends the two
    /// by the mask averaged to feature resolution, then decodes once (the paper's spatial
    /// control, with a soft edge instead of a hard split).
    public func stylize(content: FloatImage, arrangement: StyleArrangement, options: StylizeOptions,
                        smoother: ContentStatisticsSmoother?, shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage {
        let (regions, mask) = try resolve(arrangement, options: options, content: content)
        let context = self.context.stopping(when: shouldStop)
        let image = try content.validated(role: "content", pool: context.pool)
        var features = encoder.run(image, context: context)
        try context.throwIfStopped()
        if let mask {
            var black = features
            features.applyAdaIN(styleMean: regions[0].code[0..<512], styleStd: regions[0].code[512..<1024], alpha: regions[0].strength,
                                smoother: smoother, site: 0, context: context)
            black.applyAdaIN(styleMean: regions[1].code[0..<512], styleStd: regions[1].code[512..<1024], alpha: regions[1].strength,
                             smoother: smoother, site: 1, context: context)
            features.blend(with: black, weights: mask.downsampled(width: features.width, height: features.height), context: context)
        } else {
            features.applyAdaIN(styleMean: regions[0].code[0..<512], styleStd: regions[0].code[512..<1024], alpha: regions[0].strength,
                                smoother: smoother, site: 0, context: context)
        }
        let output = decoder.run(features, context: context)
        try context.throwIfStopped()
        let result = output.croppedImage(width: content.width, height: content.height)
        return options.preserveColor ? result.withLuminance(appliedTo: content) : result
    }

    /// 2 × multiply-adds of all convolutions for a `width` × `height` content (plus the encoder
    /// on a square style of `styleSide`, when given).
    public func flops(width: Int, height: Int, styleSide: Int? = nil) -> Double {
        func chainFlops(_ chain: LayerChain, _ h: Int, _ w: Int) -> (Double, Int, Int) {
            var (h, w, total) = (h, w, 0.0)
            for layer in chain.layers {
                let size = layer.outputSize(height: h, width: w)
                (h, w) = (size.height, size.width)
                if let conv = layer as? Convolution { total += 2 * Double(conv.macsPerPixel * h * w) }
            }
            return (total, h, w)
        }
        let (encoded, h, w) = chainFlops(encoder, height, width)
        var total = encoded + chainFlops(decoder, h, w).0
        if let side = styleSide { total += chainFlops(encoder, side, side).0 }
        return total
    }
}
