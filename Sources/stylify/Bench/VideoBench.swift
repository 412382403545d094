import ArgumentParser
import Foundation
import Inference
import Benchmarks
import Jobs
import Media

/// `stylify bench video`: a whole video job (decode → network → H.264 encode, overlapped) against
/// the bare network on the same decoded frames, so the pipeline's overhead shows as one ratio.
struct VideoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "video",
        abstract: "Time a video job against bare inference on the same frames.",
        discussion: """
        Prints {"model","video","frames","width","height","job_fps","inference_fps","ratio","cpu_ratio"}.
        ratio = job frames/s ÷ bare inference frames/s (the goal is >= 0.9); cpu_ratio compares CPU time,
        which a loaded machine disturbs less than wall time.
        """
    )

    @Option(help: "The video to stylize (MP4, MOV, WebM or MKV).")
    var video: String

    @Option(help: "A style image.")
    var style: String

    @Option(help: "Fit frames to this long side (e.g. a plan's video long side).")
    var maxSide: Int = 512

    @Option(help: "Alternating repetitions; the best of each side is kept.")
    var repetitions: Int = 1

    @OptionGroup var models: ModelOptions

    @Option(help: SettingKey.codecThreads.help)
    var codecThreads: Int?

    func run() throws {
        try CommandFailure.reporting(command: "bench video") {
            LibavLogLevel.error.apply()
            let reader = SettingsReader()
            let model = try models.locator(reader).load(.microast)
            let styleImage = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: style), limits: .default)
            let code = try ImageStylizer(model: model).styleCode(for: styleImage)
            let result = try VideoJobThroughput.measure(
                model: model, style: code, video: URL(fileURLWithPath: video), maxSide: maxSide,
                scratch: FileManager.default.temporaryDirectory, repetitions: repetitions,
                codecThreads: try reader.integer(codecThreads, .codecThreads, atLeast: 0) ?? 1)
            let line: [String: Any] = [
                "model": "microast", "video": URL(fileURLWithPath: video).lastPathComponent, "frames": result.frames,
                "width": result.size.width, "height": result.size.height,
                "job_fps": rounded(result.jobFramesPerSecond), "inference_fps": rounded(result.inferenceFramesPerSecond),
                "ratio": rounded(result.ratio), "cpu_ratio": rounded(result.cpuRatio),
            ]
            let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        }
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
