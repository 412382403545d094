extension Tensor {
    /// The top-left `width` × `height` part of a 3-channel tensor as an image. The decoders
    /// upsample by powers of two, so odd inputs come back slightly larger; the extra rows and
    /// columns are dropped.
    func croppedImage(width: Int, height: Int) -> FloatImage {
        precondition(channels == 3 && width <= self.width && height <= self.height, "cannot crop \(channels)x\(self.height)x\(self.width) to 3x\(height)x\(width)")
        if width == self.width && height == self.height {
            return FloatImage(width: width, height: height, planes: values)
        }
        var planes = [Float](repeating: 0, count: 3 * width * height)
        for channel in 0..<3 {
            for y in 0..<height {
                let source = (channel * self.height + y) * self.width
                let destination = (channel * height + y) * width
                planes[destination..<(destination + width)] = values[source..<(source + width)]
            }
        }
        return FloatImage(width: width, height: height, planes: planes)
    }
}
