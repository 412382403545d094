import Accounts
import ArgumentParser
import Benchmarks
import Foundation
import Inference
import Jobs
import Media
import Quotas
import Storage

/// `stylify bench workers`: one long video job rendered by one worker process, then spread in
/// segments over several worker processes (`serve --role worker`, one inference thread each, on
/// a shared SQLite data directory), timed from the job's start to its end, in the same run.
struct WorkersBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Time one long video job on one worker process against the same job spread over several.",
        discussion: """
            Makes a clip of --frames frames from --video (its frames looped, fitted to --max-side, a keyframe every \
            --keyframe-interval frames), then renders it as a job twice on a fresh data directory: by one \
            `serve --role worker` process rendering it whole, and by --workers worker processes with \
            --video-segment-frames set, each with --threads inference threads. Times are the job's own (claim to \
            success, without the processes' start-up). Prints one line:
            {"bench":"workers","frames":…,"width":…,"height":…,"workers":…,"threads_per_worker":…,"segment_frames":…,"one_worker_s":…,"one_worker_cpu_s":…,"several_workers_s":…,"ratio":…,"best_ratio_here":…}
            ratio = several_workers_s ÷ one_worker_s (the goal with 2 workers on separate machines: <= 0.6).
            One worker process already keeps more than one core busy (its decoder and encoder threads run beside
            inference), so on one machine the workers share what separate machines would each have:
            best_ratio_here = one_worker_cpu_s ÷ cores ÷ one_worker_s (at least 1 ÷ --workers) is the ratio a perfect
            split would reach on this machine. CPU seconds are the worker processes' own (user + system).
            """
    )

    @Option(help: "The video whose frames make the clip.")
    var video: String

    @Option(help: "A style image.")
    var style: String

    @Option(help: "Frames of the clip.")
    var frames = 600

    @Option(help: "Long side of the clip.")
    var maxSide = 320

    @Option(help: "Frames from one keyframe of the clip to the next.")
    var keyframeInterval = 30

    @Option(help: "Worker processes of the spread run.")
    var workers = 2

    @Option(help: "Segment length of the spread run (serve --video-segment-frames).")
    var segmentFrames = 100

    @Option(help: "Inference threads of each worker process.")
    var threadsPerWorker = 1

    @Option(help: ArgumentHelp(SettingKey.models.summary, valueName: "dir"))
    var models: String?

    @Option(help: ArgumentHelp(SettingKey.schemaDir.summary, valueName: "dir"))
    var schemaDir: String?

    func validate() throws {
        guard frames >= 2, maxSide >= 16, keyframeInterval >= 1, workers >= 1, segmentFrames >= 1, threadsPerWorker >= 1 else {
            throw ValidationError("--frames, --max-side, --keyframe-interval, --workers, --segment-frames and --threads-per-worker must be positive")
        }
    }

    func run() throws {
        try CommandFailure.reporting(command: "bench workers") {
            LibavLogLevel.error.apply()
            let reader = SettingsReader()
            let modelsDirectory = reader.path(models, .models) ?? URL(fileURLWithPath: "models").standardizedFileURL
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-workers-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: base) }
            let clip = base.appendingPathComponent("clip.mp4")
            let size = try KeyframedClip.write(from: URL(fileURLWithPath: video), to: clip, frames: frames, maxSide: maxSide,
                                               keyframeInterval: keyframeInterval)
            let model = try ModelLocator(directory: modelsDirectory).load(.microast)
            let styleImage = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: style), limits: .default)
            let code = try ImageStylizer(model: model).styleCode(for: styleImage)

            let one = try timeJob(clip: clip, code: code, in: base.appendingPathComponent("one"), workers: 1, segmentFrames: 0,
                                  models: modelsDirectory, reader: reader)
            let several = try timeJob(clip: clip, code: code, in: base.appendingPathComponent("several"), workers: workers,
                                      segmentFrames: segmentFrames, models: modelsDirectory, reader: reader)
            let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
            let best = max(1 / Double(workers), one.cpuSeconds / cores / max(one.seconds, 1e-9))
            let line: [String: Any] = [
                "bench": "workers", "frames": frames, "width": size.width, "height": size.height, "workers": workers,
                "threads_per_worker": threadsPerWorker, "segment_frames": segmentFrames,
                "one_worker_s": rounded(one.seconds), "one_worker_cpu_s": rounded(one.cpuSeconds),
                "several_workers_s": rounded(several.seconds), "ratio": rounded(several.seconds / max(one.seconds, 1e-9)),
                "best_ratio_here": rounded(best),
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    /// Submits the clip as a premium account's job on a fresh data directory, starts `workers`
    /// worker processes on it, and returns the job's seconds from its (last) start to success and
    /// the CPU seconds the worker processes used (start-up included).
    private func timeJob(clip: URL, code: StyleCode, in data: URL, workers: Int, segmentFrames: Int, models: URL,
                         reader: SettingsReader) throws -> (seconds: Double, cpuSeconds: Double) {
        let schema = reader.path(schemaDir, .schemaDir)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let database = try Database(url: data.appendingPathComponent("stylify.sqlite"),
                                    configuration: .init(readerCount: 1, schemaDirectory: schema))
        let quotas = try QuotaService(database: database)
        let signedUp = try AccountServices(database: database)
            .registration.signUp(email: "bench-workers@example.com", password: "bench workers password")
        let account = signedUp.account.id.rawValue
        _ = try quotas.administration.setPlan("premium", forAccount: account)
        let blobs = try LocalDiskBlobStore(root: data.appendingPathComponent("blobs"))
        // Only submits: the worker processes render.
        let jobs = try JobService(database: database, quotas: quotas, blobs: blobs, models: ModelLocator(directory: models),
                                  configuration: JobServiceConfiguration(resultsDirectory: data.appendingPathComponent("bench-results")))
        let job = try jobs.submit(JobRequest(account: account, content: try blobs.put(contentsOf: clip).key,
                                             styles: [WeightedStyle(code: code, weight: 1)], options: JobOptions(format: .mp4)))
        let gallery = data.appendingPathComponent("no-gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        var arguments = ["--role", "worker", "--video-segment-frames", String(segmentFrames)]
        if let schema { arguments += ["--schema-dir", schema.path] }
        let cpuBefore = Self.childrenCPUSeconds()
        let processes = try (0..<workers).map { _ in
            try BenchServer(data: data, models: models.path, gallery: gallery.path,
                            inference: InferenceSettings(threads: threadsPerWorker), arguments: arguments)
        }
        let waited = Result { try jobs.wait(for: job.id, account: account, timeout: 3600) }
        for process in processes { process.stop() }
        let ended = try waited.get()
        guard ended.status == .succeeded, let started = ended.startedAt, let finished = ended.finishedAt else {
            throw CommandFailure(message: "the benchmark job ended \(ended.status.rawValue): \(String(describing: ended.problem))",
                                 code: .internalSoftware)
        }
        return (finished.timeIntervalSince(started), Self.childrenCPUSeconds() - cpuBefore)
    }

    /// User and system CPU time of the child processes that ended so far.
    private static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
