extension RGBImage {
    /// This image transformed as EXIF `orientation` prescribes, i.e. made upright.
    public func oriented(_ orientation: ExifOrientation) -> RGBImage {
        let w = width, h = height
        let (origin, stepX, stepY): (Int, Int, Int)
        switch orientation {
        case .up: return self
        case .upMirrored: (origin, stepX, stepY) = (w - 1, -1, w)
        case .down: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -1, -w)
        case .downMirrored: (origin, stepX, stepY) = ((h - 1) * w, 1, -w)
        case .leftMirrored: (origin, stepX, stepY) = (0, w, 1)
        case .right: (origin, stepX, stepY) = ((h - 1) * w, -w, 1)
        case .rightMirrored: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -w, -1)
        case .left: (origin, stepX, stepY) = (w - 1, w, -1)
        }
        let (outputWidth, outputHeight) = orientation.swapsDimensions ? (h, w) : (w, h)
        let remapped = PixelKernels.remap(
            pixels, outputWidth: outputWidth, outputHeight: outputHeight, origin: origin, stepX: stepX, stepY: stepY)
        return RGBImage(validatedWidth: outputWidth, height: outputHeight, pixels: remapped)
    }
}
