/// Quarter-turn rotation of packed RGB24 pixels, to make frames with display-rotation
/// metadata (phone videos) come out upright.
enum RGBRotation {
    /// Rotates clockwise by `degrees` (0, 90, 180 or 270).
    static func rotate(_ pixels: [UInt8], width: Int, height: Int, clockwise degrees: Int)
        -> (pixels: [UInt8], width: Int, height: Int) {
        guard width > 0, height > 0, pixels.count == width * height * 3 else { return (pixels, width, height) }
        switch degrees {
        case 90, 270:
            var output = [UInt8](repeating: 0, count: pixels.count)
            let outWidth = height
            pixels.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    for y in 0..<height {
                        // Clockwise: source row y becomes output column (height-1-y), top to bottom.
                        // Counter-clockwise: source row y becomes output column y, bottom to top.
                        let outX = degrees == 90 ? height - 1 - y : y
                        for x in 0..<width {
                            let outY = degrees == 90 ? x : width - 1 - x
                            let from = (y * width + x) * 3
                            let to = (outY * outWidth + outX) * 3
                            target[to] = source[from]
                            target[to + 1] = source[from + 1]
                            target[to + 2] = source[from + 2]
                        }
                    }
                }
            }
            return (output, height, width)
        case 180:
            var output = [UInt8](repeating: 0, count: pixels.count)
            let last = width * height - 1
            pixels.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    for pixel in 0...last {
                        let from = pixel * 3, to = (last - pixel) * 3
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                    }
                }
            }
            return (output, width, height)
        default:
            return (pixels, width, height)
        }
    }
}
