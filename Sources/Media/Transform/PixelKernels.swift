/// The per-pixel loops, written over raw buffers so they run at memory speed on 16 MP images.
enum PixelKernels {
    /// Adobe-style CMYK JPEGs store inverted ink values, so R = C·K/255 with stored C and K.
    static func rgb(fromInvertedCMYK cmyk: [UInt8]) -> [UInt8] {
        let pixelCount = cmyk.count / 4
        return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { output, count in
            cmyk.withUnsafeBufferPointer { input in
                for index in 0..<pixelCount {
                    let k = UInt32(input[index * 4 + 3])
                    for channel in 0..<3 {
                        let ink = UInt32(input[index * 4 + channel])
                        output[index * 3 + channel] = UInt8((ink * k + 127) / 255)
                    }
                }
            }
            count = pixelCount * 3
        }
    }

    /// Composites interleaved RGBA over a flat background colour (alpha is not premultiplied).
    static func rgb(fromRGBA rgba: UnsafeBufferPointer<UInt8>, pixelCount: Int, over background: RGB) -> [UInt8] {
        let backdrop = [UInt32(background.red), UInt32(background.green), UInt32(background.blue)]
        return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { output, count in
            backdrop.withUnsafeBufferPointer { backdrop in
                for index in 0..<pixelCount {
                    let alpha = UInt32(rgba[index * 4 + 3])
                    let inverse = 255 - alpha
                    for channel in 0..<3 {
                        let colour = UInt32(rgba[index * 4 + channel])
                        output[index * 3 + channel] = UInt8((colour * alpha + backdrop[channel] * inverse + 127) / 255)
                    }
                }
            }
            count = pixelCount * 3
        }
    }

    /// Gathers pixels through an affine index map: output pixel (x, y) comes from source pixel
    /// `origin + x·stepX + y·stepY` (in pixels). Covers all eight EXIF orientations. Works in
    /// 64x64 tiles so that rotations, which read the source column-wise, stay in cache.
    static func remap(
        _ source: [UInt8], outputWidth: Int, outputHeight: Int, origin: Int, stepX: Int, stepY: Int
    ) -> [UInt8] {
        let tile = 64
        return [UInt8](unsafeUninitializedCapacity: outputWidth * outputHeight * 3) { output, count in
            source.withUnsafeBufferPointer { input in
                for tileY in stride(from: 0, to: outputHeight, by: tile) {
                    for tileX in stride(from: 0, to: outputWidth, by: tile) {
                        for y in tileY..<min(tileY + tile, outputHeight) {
                            var target = (y * outputWidth + tileX) * 3
                            var from = (origin + tileX * stepX + y * stepY) * 3
                            let step = stepX * 3
                            for _ in tileX..<min(tileX + tile, outputWidth) {
                                output[target] = input[from]
                                output[target + 1] = input[from + 1]
                                output[target + 2] = input[from + 2]
                                target += 3
                                from += step
                            }
                        }
                    }
                }
            }
            count = outputWidth * outputHeight * 3
        }
    }

    /// Copies the `width` x `height` rectangle at (`x`, `y`) out of an RGB raster.
    static func crop(_ source: [UInt8], sourceWidth: Int, x: Int, y: Int, width: Int, height: Int) -> [UInt8] {
        let rowBytes = width * 3
        return [UInt8](unsafeUninitializedCapacity: rowBytes * height) { output, count in
            source.withUnsafeBufferPointer { input in
                for row in 0..<height {
                    let from = ((y + row) * sourceWidth + x) * 3
                    (output.baseAddress! + row * rowBytes).initialize(from: input.baseAddress! + from, count: rowBytes)
                }
            }
            count = rowBytes * height
        }
    }
}
