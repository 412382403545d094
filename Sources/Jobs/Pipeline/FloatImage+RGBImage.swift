import Inference
import Media

extension FloatImage {
    /// The network's view of an 8-bit image: three planes scaled to 0...1.
    public init(_ image: RGBImage) {
        let count = image.width * image.height
        var planes = [Float](repeating: 0, count: 3 * count)
        image.pixels.withUnsafeBufferPointer { pixels in
            planes.withUnsafeMutableBufferPointer { out in
                let scale: Float = 1 / 255
                for index in 0..<count {
                    out[index] = Float(pixels[3 * index]) * scale
                    out[count + index] = Float(pixels[3 * index + 1]) * scale
                    out[2 * count + index] = Float(pixels[3 * index + 2]) * scale
                }
            }
        }
        self.init(width: image.width, height: image.height, planes: planes)
    }
}

extension RGBImage {
    /// Pixels from network output: values are clamped to 0...1 here, because the networks'
    /// outputs are deliberately left unclamped.
    public init(_ image: FloatImage) throws {
        let count = image.width * image.height
        var pixels = [UInt8](repeating: 0, count: 3 * count)
        image.planes.withUnsafeBufferPointer { planes in
            pixels.withUnsafeMutableBufferPointer { out in
                for index in 0..<count {
                    for channel in 0..<3 {
                        let value = planes[channel * count + index]
                        out[3 * index + channel] = UInt8(min(max(value, 0), 1) * 255 + 0.5)
                    }
                }
            }
        }
        try self.init(width: image.width, height: image.height, pixels: pixels)
    }
}
