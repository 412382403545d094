extension RGBImage: CustomStringConvertible, CustomDebugStringConvertible {
    /// Size only: test failures and logs must not dump megabytes of pixels.
    public var description: String { "RGBImage(\(width)x\(height))" }

    public var debugDescription: String { description }
}
