/// A loaded style-transfer network. Implementations are immutable and safe to share between
/// concurrent requests.
public protocol StyleTransferModel: Sendable {
    var kind: ModelKind { get }
    /// The statistics of `style` this model needs; cache them to skip the style encoder later.
    func encodeStyle(_ style: FloatImage) throws -> StyleCode
    /// Renders `content` in the weighted mix of `styles`. The output has the content's size and
    /// unclamped values. `shouldStop` is asked between layers, row bands and tile steps (a few
    /// hundred times per image, from the inference threads, so keep it cheap): once it answers
    /// true the remaining work is skipped and the call throws `InferenceError.canceled`, within
    /// one band of work (well under a second even at 16 MP).
    func stylize(content: FloatImage, styles: [WeightedStyle], options: StylizeOptions,
                 shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage
}

extension StyleTransferModel {
    /// Renders `content` in the weighted mix of `styles`, to the end.
    public func stylize(content: FloatImage, styles: [WeightedStyle], options: StylizeOptions) throws -> FloatImage {
        try stylize(content: content, styles: styles, options: options, shouldStop: nil)
    }
}

extension StyleTransferModel {
    /// Checks the styles and options shared by all models and returns the weights normalised to
    /// sum to 1, in the order of `styles`.
    func normalisedWeights(_ styles: [WeightedStyle], options: StylizeOptions) throws -> [Float] {
        guard options.strength.isFinite, (0...1).contains(options.strength) else {
            throw InferenceError.invalidStrength(options.strength)
        }
        guard !styles.isEmpty else { throw InferenceError.invalidStyleWeights(detail: "no styles given") }
        for style in styles {
            guard style.code.model == kind else {
                throw InferenceError.styleCodeModelMismatch(expected: kind, got: style.code.model)
            }
            guard style.code.values.count == kind.styleCodeLength else {
                throw InferenceError.malformedStyleCode(
                    detail: "\(kind.rawValue) style codes have \(kind.styleCodeLength) values, this one \(style.code.values.count)")
            }
            guard style.weight.isFinite, style.weight >= 0 else {
                throw InferenceError.invalidStyleWeights(detail: "weight \(style.weight) is not a finite number >= 0")
            }
        }
        let total = styles.reduce(Float(0)) { $0 + $1.weight }
        guard total > 0 else { throw InferenceError.invalidStyleWeights(detail: "weights sum to 0") }
        return styles.map { $0.weight / total }
    }

    /// The weighted average of the styles' codes (weights already normalised).
    func blendedCode(_ styles: [WeightedStyle], weights: [Float]) -> [Float] {
        var blended = [Float](repeating: 0, count: kind.styleCodeLength)
        for (style, weight) in zip(styles, weights) {
            for index in blended.indices { blended[index] += weight * style.code.values[index] }
        }
        return blended
    }
}
