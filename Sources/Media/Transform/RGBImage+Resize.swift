import CFFmpeg

extension RGBImage {
    /// This image resampled to exactly `width` x `height` (aspect ratio not kept): area
    /// averaging when shrinking both sides (no aliasing), bicubic otherwise.
    ///
    /// - Throws: `MediaError.invalidDimensions` for non-positive or oversized targets.
    public func resized(width: Int, height: Int) throws -> RGBImage {
        guard width > 0, height > 0, width <= Self.maxSide, height <= Self.maxSide else {
            throw MediaError.invalidDimensions(width: width, height: height)
        }
        if width == self.width && height == self.height { return self }
        let algorithm = PixelConverter.algorithm(fromWidth: self.width, height: self.height, toWidth: width, height: height)
        return try PixelConverter().resampled(self, width: width, height: height, algorithm: algorithm)
    }

    /// This image shrunk so its longer side is at most `maxSide`, keeping the aspect ratio;
    /// returned unchanged when it already fits (never upscales).
    public func fitted(maxSide: Int) throws -> RGBImage {
        guard maxSide > 0 else { throw MediaError.invalidDimensions(width: maxSide, height: maxSide) }
        let longer = max(width, height)
        guard longer > maxSide else { return self }
        let scale = Double(maxSide) / Double(longer)
        let newWidth = max(1, min(maxSide, Int((Double(width) * scale).rounded())))
        let newHeight = max(1, min(maxSide, Int((Double(height) * scale).rounded())))
        return try resized(width: newWidth, height: newHeight)
    }

    /// The centred largest square of this image, resized to `side` x `side` (up or down): the
    /// filter gallery's uniform tiles.
    public func thumbnail(side: Int = 256) throws -> RGBImage {
        guard side > 0 else { throw MediaError.invalidDimensions(width: side, height: side) }
        let square = min(width, height)
        let cropped = try self.cropped(x: (width - square) / 2, y: (height - square) / 2, width: square, height: square)
        return try cropped.resized(width: side, height: side)
    }

    /// The `width` x `height` rectangle whose top-left corner is at (`x`, `y`).
    ///
    /// - Throws: `MediaError.invalidDimensions` when the rectangle is empty or leaves the image.
    public func cropped(x: Int, y: Int, width: Int, height: Int) throws -> RGBImage {
        guard width > 0, height > 0, x >= 0, y >= 0, x + width <= self.width, y + height <= self.height else {
            throw MediaError.invalidDimensions(width: width, height: height)
        }
        if x == 0 && y == 0 && width == self.width && height == self.height { return self }
        let pixels = PixelKernels.crop(self.pixels, sourceWidth: self.width, x: x, y: y, width: width, height: height)
        return RGBImage(validatedWidth: width, height: height, pixels: pixels)
    }
}
