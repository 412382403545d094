/// The EXIF orientation tag (0x0112): how the stored pixels must be transformed to appear
/// upright. Raw values are the tag's values 1–8.
public enum ExifOrientation: Int, Sendable, Equatable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirror left-right.
    case upMirrored = 2
    /// 3: rotate 180°.
    case down = 3
    /// 4: mirror top-bottom.
    case downMirrored = 4
    /// 5: mirror across the top-left/bottom-right diagonal (transpose).
    case leftMirrored = 5
    /// 6: rotate 90° clockwise (the usual portrait photo from a phone).
    case right = 6
    /// 7: mirror across the top-right/bottom-left diagonal (transverse).
    case rightMirrored = 7
    /// 8: rotate 90° counter-clockwise.
    case left = 8

    /// Whether displaying the image swaps its width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }
}
