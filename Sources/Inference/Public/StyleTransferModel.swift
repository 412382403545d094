/// A loaded style-transfer network. Implementations are immutable and safe to share between
/// concurrent requests.
public protocol StyleTransferModel: Sendable {
    var kind: ModelKind { get }
    /// The statistics of `style` this model needs; cache them to skip the style encoder later.
    func encodeStyle(_ style: FloatImage) throws -> StyleCode
    /// Renders `content` with `arrangement`'s styles (one mix everywhere, or one per mask
    /// region). The output has the content's size and unclamped values. `smoother` (a video's,
    /// nil for images and frame-by-frame video) replaces each frame's content statistics by their
    /// running average. `shouldStop` is asked between layers, row bands and tile steps (a few
    /// hundred times per image, from the inference threads, so keep it cheap): once it answers
    /// true the remaining work is skipped and the call throws `InferenceError.canceled`, within
    /// one band of work (well under a second even at 16 MP).
    func stylize(content: FloatImage, arrangement: StyleArrangement, options: StylizeOptions,
                 smoother: ContentStatisticsSmoother?, shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage
}

extension StyleTransferModel {
    /// Renders `content` in the weighted mix of `styles`, to the end.
    public func stylize(content: FloatImage, styles: [WeightedStyle], options: StylizeOptions) throws -> FloatImage {
        try stylize(content: content, arrangement: .uniform(styles), options: options, smoother: nil, shouldStop: nil)
    }

    /// Renders `content` in the weighted mix of `styles` (see the requirement for `shouldStop`).
    public func stylize(content: FloatImage, styles: [WeightedStyle], options: StylizeOptions,
                        shouldStop: (@Sendable () -> Bool)?) throws -> FloatImage {
        try stylize(content: content, arrangement: .uniform(styles), options: options, smoother: nil, shouldStop: shouldStop)
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

    /// The blended code and strength of each region of `arrangement` (one for `.uniform`, white
    /// then black for `.masked`), checked like `normalisedWeights`, and the mask when there is one.
    func resolve(_ arrangement: StyleArrangement, options: StylizeOptions, content: FloatImage) throws
        -> (regions: [(code: [Float], strength: Float)], mask: SpatialMask?) {
        switch arrangement {
        case .uniform(let styles):
            return ([(blendedCode(styles, weights: try normalisedWeights(styles, options: options)), options.strength)], nil)
        case .masked(let mask, let white, let black):
            let regions = try [white, black].map { region -> (code: [Float], strength: Float) in
                var regionOptions = options
                regionOptions.strength = region.strength
                return (blendedCode(region.styles, weights: try normalisedWeights(region.styles, options: regionOptions)), region.strength)
            }
            return (regions, try mask.validated(for: content))
        }
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
