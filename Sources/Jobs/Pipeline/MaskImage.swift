import Foundation
import Inference
import Media

/// A mask as the product takes it: any image we decode (JPEG, PNG, WebP), any size, colours
/// taken as their luma (BT.601), resampled to the rendered content's size.
public struct MaskImage: Sendable {
    /// Masks are small by nature; a larger one is shrunk to this long side when decoded, which
    /// keeps a huge upload from costing more than the content it covers.
    static let maxSide = 4096

    public let image: RGBImage

    public init(_ image: RGBImage) {
        self.image = image
    }

    /// Decodes the mask at `url`.
    ///
    /// - Throws: `JobError.invalidRequest(param: "mask")` when it is not an image we decode.
    public static func decode(contentsOf url: URL) throws -> MaskImage {
        do {
            return MaskImage(try ImageDecoder.decode(contentsOf: url, limits: .default).fitted(maxSide: maxSide))
        } catch {
            throw JobError.invalidRequest(param: "mask", detail: "the mask must be a JPEG, PNG or WebP image (\(error))")
        }
    }

    /// The mask resampled to `width` × `height` as 0...1 luma values.
    public func spatialMask(width: Int, height: Int) throws -> SpatialMask {
        let fitted = try image.resized(width: width, height: height)
        var values = [Float](repeating: 0, count: width * height)
        fitted.pixels.withUnsafeBufferPointer { pixels in
            for index in values.indices {
                let luma = 0.299 * Float(pixels[3 * index]) + 0.587 * Float(pixels[3 * index + 1]) + 0.114 * Float(pixels[3 * index + 2])
                values[index] = min(1, max(0, luma / 255))
            }
        }
        return SpatialMask(width: width, height: height, values: values)
    }
}
