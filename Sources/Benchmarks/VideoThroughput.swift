import Foundation
import Media

/// Decode and encode speed on one video, for `stylify bench codecs` (numbers, not assertions).
public struct VideoThroughput: Sendable, CustomStringConvertible {
    public var frames: Int
    public var size: VideoFrameSize
    public var codecName: String
    /// Seconds spent pulling frames out of the decoder (demux + decode + scale + rotate to RGB).
    public var decodeSeconds: Double
    /// Seconds spent inside the encoder (RGB → YUV + encode + mux, including flush and faststart).
    public var encodeSeconds: Double

    public var decodeFramesPerSecond: Double { Double(frames) / max(decodeSeconds, 1e-9) }
    public var encodeFramesPerSecond: Double { Double(frames) / max(encodeSeconds, 1e-9) }

    /// Decodes `source` fitted to `maxSide` and re-encodes it (with its audio) into `scratch`,
    /// timing each side separately, with `codecThreads` threads each (0: FFmpeg chooses), as a
    /// video job does; the output file is deleted afterwards.
    public static func measure(source: URL, maxSide: Int?, scratch: URL, codecThreads: Int = 1) throws -> VideoThroughput {
        let output = scratch.appendingPathComponent("throughput-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: output) }
        let decoder = try VideoDecoder(url: source, outputMaxSide: maxSide, threadCount: codecThreads)
        let settings = VideoEncoder.Settings(threadCount: codecThreads)
        let encoder = try VideoEncoder(url: output, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: decoder.frameRate, timeBase: decoder.timeBase,
                                       audioFrom: source, settings: settings)
        let clock = ContinuousClock()
        var decoding = Duration.zero, encoding = Duration.zero
        var frames = 0
        while true {
            let start = clock.now
            guard let frame = try decoder.nextFrame() else { break }
            let decoded = clock.now
            try encoder.encode(frame)
            decoding += decoded - start
            encoding += clock.now - decoded
            frames += 1
        }
        encoding += try clock.measure { try encoder.finish() }
        return VideoThroughput(frames: frames, size: decoder.outputSize, codecName: encoder.codecName,
                               decodeSeconds: decoding.seconds, encodeSeconds: encoding.seconds)
    }

    public var description: String {
        String(format: "%d frames %@: decode %.1f fps, encode (%@) %.1f fps",
               frames, size.description, decodeFramesPerSecond, codecName, encodeFramesPerSecond)
    }
}
