/// Upper bounds a decoder enforces from the header, before it allocates or decodes anything:
/// the defence against decompression bombs (a 100-byte PNG may claim 10^10 pixels).
///
/// Plan limits (1 MP free, 16 MP premium) belong to Quotas; these are the hard safety limits of
/// the process. Minimum sides are the caller's concern.
public struct DecodeLimits: Sendable, Equatable {
    /// Largest `width * height` accepted.
    public var maxPixels: Int
    /// Largest width or height accepted.
    public var maxSide: Int

    public init(maxPixels: Int, maxSide: Int) {
        self.maxPixels = maxPixels
        self.maxSide = maxSide
    }

    /// 50 MP and 16384 px per side: above every plan, yet at most ~150 MB of RGB per image.
    public static let `default` = DecodeLimits(maxPixels: 50_000_000, maxSide: 16_384)

    /// Throws `MediaError.tooManyPixels` or `.sideTooLong` when a `width` x `height` image is
    /// over these limits.
    public func check(width: Int, height: Int) throws {
        // Pixels first: it is the limit that names the real cost, so bombs report it.
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw MediaError.tooManyPixels(width: width, height: height, limit: maxPixels)
        }
        if width > maxSide || height > maxSide {
            throw MediaError.sideTooLong(width: width, height: height, limit: maxSide)
        }
    }
}
