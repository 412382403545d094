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
        abstract: "Time a video job against bare inference on the same frames, and measure flicker.",
        discussion: """
        Prints {"model","video","frames","width","height","job_fps","inference_fps","ratio","cpu_ratio"}.
        ratio = job frames/s ÷ bare inference frames/s (the goal is >= 0.9); cpu_ratio compares CPU time,
        which a loaded machine disturbs less than wall time.

        Then one line {"flicker_frames","smoothing","flicker","flicker_off","flicker_ratio","static_share",
        "ms_per_frame","ms_per_frame_off","time_ratio"}: flicker is the mean absolute difference of
        consecutive stylized frames over that of the source frames on the static parts of the video,
        with --temporal-smoothing and with 0 (frame by frame); flicker_ratio = flicker ÷ flicker_off
        (the goal is <= 0.5) and time_ratio = ms_per_frame ÷ ms_per_frame_off (the goal is <= 1.1).
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

    @Option(help: "The temporal smoothing (0...1) compared with frame by frame.")
    var temporalSmoothing: Float = JobOptions.defaultTemporalSmoothing

    @Option(help: "Frames the flicker measurement stylizes (from the start of the video).")
    var flickerFrames: Int = 48

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

            guard (0...1).contains(temporalSmoothing), flickerFrames >= 2 else {
                throw ValidationError("--temporal-smoothing must be from 0 to 1 and --flicker-frames at least 2")
            }
            let flicker = try VideoFlicker.measure(
                model: model, style: code, video: URL(fileURLWithPath: video), maxSide: maxSide,
                frameLimit: flickerFrames, smoothings: [0, temporalSmoothing], repetitions: repetitions)
            let (off, on) = (flicker[0], flicker[1])
            let flickerLine: [String: Any] = [
                "flicker_frames": on.frames, "smoothing": rounded(Double(temporalSmoothing)),
                "flicker": rounded(on.meter.ratio), "flicker_off": rounded(off.meter.ratio),
                "flicker_ratio": rounded(on.meter.ratio / max(off.meter.ratio, 1e-9)),
                "static_share": rounded(on.meter.staticShare),
                "ms_per_frame": rounded(on.secondsPerFrame * 1000), "ms_per_frame_off": rounded(off.secondsPerFrame * 1000),
                "time_ratio": rounded(on.secondsPerFrame / max(off.secondsPerFrame, 1e-9)),
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: flickerLine, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
