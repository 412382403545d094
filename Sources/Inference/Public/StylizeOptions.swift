/// How strongly and how a style is applied.
public struct StylizeOptions: Sendable, Equatable {
    /// 0...1: AdaIN's alpha, the blend between the content's and the style's feature statistics
    /// (1 = full style).
    public var strength: Float
    /// Keep the content's colours: the result takes the stylized image's luma (BT.601 Y) and the
    /// content's chroma (Cb, Cr). Applied after the network, so it works with cached style codes.
    public var preserveColor: Bool

    public init(strength: Float = 1, preserveColor: Bool = false) {
        self.strength = strength
        self.preserveColor = preserveColor
    }
}
