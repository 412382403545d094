extension FloatImage {
    /// This image's luma (BT.601 Y) with `content`'s chroma (Cb, Cr). Because RGB → YCbCr is
    /// linear and Y's column of the inverse is (1, 1, 1), this is `content + (Y(self) − Y(content))`
    /// on every channel. Both images must have the same size.
    func withLuminance(appliedTo content: FloatImage) -> FloatImage {
        precondition(width == content.width && height == content.height, "colour preservation needs equal sizes")
        let count = width * height
        var planes = content.planes
        planes.withUnsafeMutableBufferPointer { out in
            self.planes.withUnsafeBufferPointer { stylized in
                for index in 0..<count {
                    let y = 0.299 * stylized[index] + 0.587 * stylized[count + index] + 0.114 * stylized[2 * count + index]
                    let yContent = 0.299 * out[index] + 0.587 * out[count + index] + 0.114 * out[2 * count + index]
                    let delta = y - yContent
                    out[index] += delta
                    out[count + index] += delta
                    out[2 * count + index] += delta
                }
            }
        }
        return FloatImage(width: width, height: height, planes: planes)
    }
}
