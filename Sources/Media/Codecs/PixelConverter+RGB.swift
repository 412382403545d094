import CFFmpeg

extension PixelConverter {
    /// Converts `image` into `picture`, an allocated frame of the same size in an encoder's pixel
    /// format (yuv420p, yuv444p, rgb24, ...).
    func convert(_ image: RGBImage, into picture: UnsafeMutablePointer<AVFrame>,
                 algorithm: Int32 = SWS_BICUBIC, colour: Colour? = nil) throws {
        try scale(stage(image), into: Self.planes(of: picture), algorithm: algorithm, colour: colour)
    }

    /// `image` resampled to `width` x `height` RGB24 with `algorithm` (`SWS_AREA`, `SWS_BICUBIC`, ...).
    func resampled(_ image: RGBImage, width: Int, height: Int, algorithm: Int32) throws -> RGBImage {
        let source = try stage(image)
        let pixels = try packedPixels(width: width, height: height, channels: 3) { destination in
            try scale(source, into: Planes(format: AV_PIX_FMT_RGB24, width: width, height: height,
                                           data: [destination], strides: [Int32(width * 3)]),
                      algorithm: algorithm)
        }
        return RGBImage(validatedWidth: width, height: height, pixels: pixels)
    }

    /// Copies `image` into a padded libav frame and describes it: swscale's SIMD code reads past
    /// the end of each RGB row (valgrind found it), so it must never read a Swift array directly.
    private func stage(_ image: RGBImage) throws -> Planes {
        if let frame = staging, Int(frame.pointee.width) != image.width || Int(frame.pointee.height) != image.height {
            av_frame_free(&staging)
        }
        if staging == nil {
            guard let frame = av_frame_alloc() else { throw MediaError.conversionFailed("out of memory") }
            staging = frame
            frame.pointee.format = AV_PIX_FMT_RGB24.rawValue
            frame.pointee.width = Int32(image.width)
            frame.pointee.height = Int32(image.height)
            let status = av_frame_get_buffer(frame, 0)
            guard status >= 0 else {
                av_frame_free(&staging)
                throw MediaError.conversionFailed("cannot allocate a \(image.width)x\(image.height) frame: \(Libav.describe(status))")
            }
            Libav.clearBuffers(of: frame)
        }
        let frame = staging!
        let stride = Int(frame.pointee.linesize.0), rowBytes = image.bytesPerRow
        if let target = frame.pointee.data.0 {
            image.pixels.withUnsafeBufferPointer { rgb in
                for row in 0..<image.height {
                    (target + row * stride).update(from: rgb.baseAddress! + row * rowBytes, count: rowBytes)
                }
            }
        }
        return Self.planes(of: frame)
    }
}
