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

    public func stylize(content: FloatImage, styles: [WeightedStyle], options: StylizeOptions,
                        shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage {
        let weights = try normalisedWeights(styles, options: options)
        let context = self.context.stopping(when: shouldStop)
        let image = try content.validated(role: "content", pool: context.pool)
        let code = MicroASTStyleCode(values: blendedCode(styles, weights: weights))
        let features = contentEncoder.deepFeatures(image, context: context)
        try context.throwIfStopped()
        let output = decoder.decode(consume features, code: code, alpha: options.strength, context: context)
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
