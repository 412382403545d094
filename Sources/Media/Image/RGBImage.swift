/// An 8-bit RGB raster, rows top to bottom, pixels interleaved `R G B` with no row padding.
///
/// This is the currency between decoders, encoders, resizers and the rest of Stylify: every
/// decoder produces one upright `RGBImage` (EXIF orientation already applied, alpha already
/// composited), every encoder takes one.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels (> 0).
    public let width: Int
    /// Height in pixels (> 0).
    public let height: Int
    /// `width * height * 3` bytes, row-major, `R G B` per pixel.
    public private(set) var pixels: [UInt8]

    /// Wraps existing pixels; throws `MediaError.invalidDimensions` when the sizes disagree.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, width <= Self.maxSide, height <= Self.maxSide else {
            throw MediaError.invalidDimensions(width: width, height: height)
        }
        guard pixels.count == width * height * 3 else {
            throw MediaError.pixelCountMismatch(expected: width * height * 3, actual: pixels.count)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one flat colour; throws `MediaError.invalidDimensions` for non-positive sides.
    public init(width: Int, height: Int, filledWith colour: RGB = RGB(red: 0, green: 0, blue: 0)) throws {
        guard width > 0, height > 0, width <= Self.maxSide, height <= Self.maxSide else {
            throw MediaError.invalidDimensions(width: width, height: height)
        }
        var pixels = [UInt8](repeating: colour.red, count: width * height * 3)
        if colour.red != colour.green || colour.red != colour.blue {
            pixels.withUnsafeMutableBufferPointer { buffer in
                var index = 0
                while index < buffer.count {
                    buffer[index] = colour.red
                    buffer[index + 1] = colour.green
                    buffer[index + 2] = colour.blue
                    index += 3
                }
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Internal initialiser for codecs and kernels that already guarantee the invariants.
    init(validatedWidth width: Int, height: Int, pixels: [UInt8]) {
        assert(pixels.count == width * height * 3)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The largest side any image may have; keeps `width * height * 3` far from overflow and
    /// matches the 16-bit dimension fields of JPEG and WebP.
    public static let maxSide = 65_535

    /// Number of pixels (`width * height`).
    public var pixelCount: Int { width * height }

    /// Bytes per row (`width * 3`).
    public var bytesPerRow: Int { width * 3 }

    /// The colour at column `x`, row `y` (both zero-based; traps when out of bounds).
    public func pixel(x: Int, y: Int) -> RGB {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
        let offset = (y * width + x) * 3
        return RGB(red: pixels[offset], green: pixels[offset + 1], blue: pixels[offset + 2])
    }

    /// Sets the colour at column `x`, row `y` (both zero-based; traps when out of bounds).
    public mutating func setPixel(x: Int, y: Int, to colour: RGB) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
        let offset = (y * width + x) * 3
        pixels[offset] = colour.red
        pixels[offset + 1] = colour.green
        pixels[offset + 2] = colour.blue
    }
}

extension RGBImage: CustomStringConvertible, CustomDebugStringConvertible {
    /// Size only: test failures and logs must not dump megabytes of pixels.
    public var description: String { "RGBImage(\(width)x\(height))" }

    public var debugDescription: String { description }
}
