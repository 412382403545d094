import Foundation

/// MicroAST (Wang et al., "MicroAST: Towards Super-Fast Ultra-Resolution Arbitrary Style
/// Transfer", AAAI 2023), the engine's default model, loaded from the four safetensors files
/// `microast-{content-encoder,style-encoder,modulator,decoder}.safetensors`.
///
/// Several styles are mixed by averaging their style codes (all eight vectors: means, standard
/// deviations and modulation kernels/biases) with the normalised weights, then decoding once.
public struct MicroAST: StyleTransferModel {
    public var kind: ModelKind { .microast }

    let contentEncoder: MicroASTEncoder
    let styleEncoder: MicroASTEncoder
    let modulator: MicroASTModulator
    let decoder: MicroASTDecoder
    let context: ComputeContext

    /// The weight files this model reads from `directory`.
    public static func files(in directory: URL) -> [URL] {
        ["content-encoder", "style-encoder", "modulator", "decoder"].map {
            directory.appendingPathComponent("microast-\($0).safetensors")
        }
    }

    /// Loads the weights from `directory`; throws `InferenceError.missingModelFiles` listing the
    /// expected paths when any file is absent.
    public init(directory: URL, context: ComputeContext = ComputeContext()) throws {
        let files = Self.files(in: directory)
        try ModelLocator.requireFiles(files, model: .microast)
        contentEncoder = try MicroASTEncoder(weights: WeightSet(contentsOf: files[0]))
        styleEncoder = try MicroASTEncoder(weights: WeightSet(contentsOf: files[1]))
        modulator = try MicroASTModulator(weights: WeightSet(contentsOf: files[2]))
        decoder = try MicroASTDecoder(weights: WeightSet(contentsOf: files[3]))
        self.context = context
    }

    public func encodeStyle(_ style: FloatImage) throws -> StyleCode {
        let image = try style.validated(role: "style", pool: context.pool)
        let (feature0, feature1) = styleEncoder.features(image, context: context)
        let statistics0 = feature0.channelMeanAndStd(context: context)
        let statistics1 = feature1.channelMeanAndStd(context: context)
        let modulation = modulator.modulation(feature0, feature1, context: context)
        let values = statistics0.mean + statistics0.std + statistics1.mean + statistics1.std + modulation.joined()
        return StyleCode(model: .microast, values: values)
    }

    /// A mask runs the decoder's two style-modulated residual blocks once per region on the
    /// same content features and blends their outputs by the mask at feature resolution before
    /// the shared upsampling tail, as the AdaIN paper blends foreground and background styles in
    /// feature space: the edge is soft (the decoder smooths it) and only the quarter-resolution
    /// blocks run twice.
    public func stylize(content: FloatImage, arrangement: StyleArrangement, options: StylizeOptions,
                        smoother: ContentStatisticsSmoother?, shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage {
        let (regions, mask) = try resolve(arrangement, options: options, content: content)
        let context = self.context.stopping(when: shouldStop)
        // The validated copy of the content is a temporary, freed as soon as the encoder is done.
        let features = contentEncoder.deepFeatures(try content.validated(role: "content", pool: context.pool), context: context)
        try context.throwIfStopped()
        let output: Tensor
        if let mask {
            var white = decoder.modulate(features, code: MicroASTStyleCode(values: regions[0].code), alpha: regions[0].strength,
                                         smoother: smoother, sites: 0, context: context)
            let black = decoder.modulate(consume features, code: MicroASTStyleCode(values: regions[1].code), alpha: regions[1].strength,
                                         smoother: smoother, sites: 2, context: context)
            try context.throwIfStopped()
            white.blend(with: black, weights: mask.downsampled(width: white.width, height: white.height), context: context)
            output = decoder.tail.run(white, context: context)
        } else {
            output = decoder.decode(consume features, code: MicroASTStyleCode(values: regions[0].code), alpha: regions[0].strength,
                                    smoother: smoother, context: context)
        }
        try context.throwIfStopped()
        let result = output.croppedImage(width: content.width, height: content.height)
        return options.preserveColor ? result.withLuminance(appliedTo: content) : result
    }

    /// The content encoder's two feature maps (enc1.10 and enc2.0 outputs, 64 channels at a
    /// quarter of the resolution), for checks against reference implementations.
    public func contentFeatures(_ content: FloatImage) throws -> [Tensor] {
        let (first, second) = contentEncoder.features(try content.validated(role: "content", pool: context.pool), context: context)
        return [first, second]
    }

    /// 2 × multiply-adds of all convolutions for a `width` × `height` content (plus, when
    /// `styleSide` is given, the style encoder and modulator on a square style of that side),
    /// counted like the ONNX Runtime peer benchmark (grouped convolutions per group).
    public func flops(width: Int, height: Int, styleSide: Int? = nil) -> Double {
        contentFlops(width: width, height: height) + (styleSide.map { styleFlops(side: $0) } ?? 0)
    }
}
