import ArgumentParser
import Benchmarks
import Foundation
import Media

/// `stylify bench codecs`: the decoder and the H.264 encoder alone on one video, the two stages a
/// video job overlaps with inference.
struct CodecBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codecs",
        abstract: "Time video decoding and H.264 encoding on one video.",
        discussion: """
        Prints {"video","frames","width","height","codec","decode_fps","encode_fps","codec_threads"}: \
        frames decoded (demux, decode, scale, rotate to RGB) and encoded (RGB to YUV, encode, mux, \
        faststart) per second, each timed on its own.
        """
    )

    @Option(help: "The video to decode and re-encode (MP4, MOV, WebM or MKV).")
    var video: String

    @Option(help: "Fit frames to this long side (e.g. a plan's video long side).")
    var maxSide: Int = 512

    @Option(help: SettingKey.codecThreads.help)
    var codecThreads: Int?

    func run() throws {
        try CommandFailure.reporting(command: "bench codecs") {
            LibavLogLevel.error.apply()
            let threads = try SettingsReader().integer(codecThreads, .codecThreads, atLeast: 0) ?? 1
            let url = URL(fileURLWithPath: video)
            let result = try VideoThroughput.measure(
                source: url, maxSide: maxSide, scratch: FileManager.default.temporaryDirectory, codecThreads: threads)
            let line: [String: Any] = [
                "video": url.lastPathComponent, "frames": result.frames, "width": result.size.width,
                "height": result.size.height, "codec": result.codecName, "codec_threads": threads,
                "decode_fps": rounded(result.decodeFramesPerSecond), "encode_fps": rounded(result.encodeFramesPerSecond),
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
