import Foundation
import Media

/// Generates small test clips with our own encoder, so tests need no fixture beyond cutBunny.
enum VideoTestFootage {
    /// A recognisable picture: a dark gradient, a pure red top-left quadrant (to see rotation)
    /// and a white square that moves with `index` (so frames differ).
    static func pattern(width: Int, height: Int, index: Int) throws -> RGBImage {
        var image = try RGBImage(width: width, height: height)
        let square = max(2, min(width, height) / 4)
        let squareX = (index * 3) % max(1, width - square)
        for y in 0..<height {
            for x in 0..<width {
                let colour: RGB
                if x < width / 2 && y < height / 2 {
                    colour = RGB(red: 255, green: 0, blue: 0)
                } else if x >= squareX && x < squareX + square && y >= height - square {
                    colour = .white
                } else {
                    colour = RGB(red: 0, green: UInt8(40 * x / width), blue: UInt8(40 + 40 * y / height))
                }
                image.setPixel(x: x, y: y, to: colour)
            }
        }
        return image
    }

    /// The frame `index` of `pattern` at `time`.
    static func frame(width: Int, height: Int, time: Double, index: Int = 0) throws -> VideoFrame {
        VideoFrame(image: try pattern(width: width, height: height, index: index), time: time, index: index)
    }

    /// Writes one frame per entry of `times` to `url` and returns the encoder's audio outcome.
    @discardableResult
    static func write(to url: URL, width: Int, height: Int, times: [Double],
                      frameRate: VideoRational = VideoRational(25, 1), timeBase: VideoRational? = nil,
                      audioFrom: URL? = nil,
                      settings: VideoEncoder.Settings = VideoEncoder.Settings(preset: "ultrafast")) throws -> VideoAudioOutcome {
        let encoder = try VideoEncoder(url: url, width: width, height: height, frameRate: frameRate,
                                       timeBase: timeBase, audioFrom: audioFrom, settings: settings)
        for (index, time) in times.enumerated() {
            try encoder.encode(frame(width: width, height: height, time: time, index: index))
        }
        try encoder.finish()
        return encoder.audio
    }

    /// `count` frames at a constant `fps` starting at 0.
    static func times(count: Int, fps: Double = 25) -> [Double] {
        (0..<count).map { Double($0) / fps }
    }

    /// Mean colour of a `size`×`size` block whose top-left corner is at (x, y).
    static func meanColour(_ image: RGBImage, x: Int, y: Int, size: Int = 4) -> (red: Double, green: Double, blue: Double) {
        var sums = (0.0, 0.0, 0.0)
        for row in y..<(y + size) {
            for column in x..<(x + size) {
                let pixel = image.pixel(x: column, y: row)
                sums.0 += Double(pixel.red)
                sums.1 += Double(pixel.green)
                sums.2 += Double(pixel.blue)
            }
        }
        let count = Double(size * size)
        return (sums.0 / count, sums.1 / count, sums.2 / count)
    }

    /// Decodes every frame of `url`.
    static func decodeAll(_ url: URL, maxSide: Int? = nil) throws -> [VideoFrame] {
        let decoder = try VideoDecoder(url: url, outputMaxSide: maxSide)
        var frames: [VideoFrame] = []
        try decoder.forEachFrame { frames.append($0) }
        return frames
    }
}
