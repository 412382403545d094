extension Tensor {
    /// The top-left `width` × `height` part of a 3-channel tensor as an image. The decoders
    /// upsample by powers of two, so odd inputs come back slightly larger; the extra rows and
    /// columns are dropped.
    func croppedImage(width: Int, height: Int) -> FloatImage {
        precondition(channels == 3 && width <= self.width && height <= self.height, "cannot crop \(channels)x\(self.height)x\(self.width) to 3x\(height)x\(width)")
        let planes = withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: 3 * width * height) { destination, initialized in
                for channel in 0..<3 {
                    for y in 0..<height {
                        (destination.baseAddress! + (channel * height + y) * width)
                            .initialize(from: source.baseAddress! + (channel * self.height + y) * self.width, count: width)
                    }
                }
                initialized = 3 * width * height
            }
        }
        return FloatImage(width: width, height: height, planes: planes)
    }
}
