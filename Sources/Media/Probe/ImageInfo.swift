/// What a header says about an image, learned without decoding a pixel.
public struct ImageInfo: Sendable, Equatable {
    /// The format, from the magic bytes.
    public var format: ImageFormat
    /// Width of the stored raster.
    public var width: Int
    /// Height of the stored raster.
    public var height: Int
    /// The EXIF orientation (JPEG only; `.up` for other formats or when absent or malformed).
    public var orientation: ExifOrientation

    public init(format: ImageFormat, width: Int, height: Int, orientation: ExifOrientation = .up) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
    }

    /// Width once orientation is applied: the width of the decoded `RGBImage`.
    public var displayWidth: Int { orientation.swapsDimensions ? height : width }
    /// Height once orientation is applied: the height of the decoded `RGBImage`.
    public var displayHeight: Int { orientation.swapsDimensions ? width : height }
    /// `width * height`.
    public var pixelCount: Int { width * height }
}
