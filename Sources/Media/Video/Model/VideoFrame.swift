/// One decoded (or to-be-encoded) video picture as tightly packed, interleaved RGB24.
///
/// Overlaps with the image half's `RGBImage`; kept separate so video can carry its timestamp.
public struct VideoFrame: Sendable {
    public var width: Int
    public var height: Int
    /// `width * height * 3` bytes, row-major, R G B per pixel, no row padding.
    public var pixels: [UInt8]
    /// Presentation time in seconds on the source's clock (not necessarily starting at 0).
    /// Preserving it is what keeps variable-frame-rate video in sync with its audio.
    public var time: Double
    /// Zero-based position in presentation order.
    public var index: Int

    public init(width: Int, height: Int, pixels: [UInt8], time: Double, index: Int) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.time = time
        self.index = index
    }

    /// A frame of one flat colour; handy for generating test footage.
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8, time: Double, index: Int) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for offset in stride(from: 0, to: pixels.count, by: 3) {
            pixels[offset] = red
            pixels[offset + 1] = green
            pixels[offset + 2] = blue
        }
        self.init(width: width, height: height, pixels: pixels, time: time, index: index)
    }
}
