/// Which styles go where: one mix over the whole content, or one mix per region of a mask.
public enum StyleArrangement: Sendable {
    /// The weighted mix of these styles everywhere, at `StylizeOptions.strength`.
    case uniform([WeightedStyle])
    /// The white region's style where the mask is 1, the black region's where it is 0, each at
    /// its own strength (`StylizeOptions.strength` is not used).
    case masked(SpatialMask, white: RegionStyle, black: RegionStyle)
}

/// The style of one region of a mask: a weighted mix (usually one filter) and its strength.
public struct RegionStyle: Sendable {
    public let styles: [WeightedStyle]
    /// 0...1, AdaIN's alpha in this region.
    public let strength: Float

    public init(styles: [WeightedStyle], strength: Float = 1) {
        self.styles = styles
        self.strength = strength
    }
}
