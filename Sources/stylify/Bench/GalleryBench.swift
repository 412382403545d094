import Accounts
import ArgumentParser
import Filters
import Foundation
import Inference
import Jobs
import Media
import Quotas
import Storage

/// `stylify gallery bench`: what filters and the blob store cost, against peers run on the same
/// machine at the same time. Prints one JSON line per measurement.
struct GalleryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time blob puts (vs sha256sum + cp + sync) and filters (create; cached style code vs the encoder).",
        discussion: """
            Works in a fresh temporary data directory. Lines:
            {"bench":"blob_put","mb":…,"ms_median":…,"mb_per_s":…,"peer_ms_median":…,"ratio_to_peer":…,
             "cp_sync_ms_median":…,"ratio_to_cp_sync":…}  (peer: sha256sum + cp + sync; cp + sync alone)
            {"bench":"blob_put_duplicate",…}  (same bytes again: hashed, not written)
            {"bench":"blob_adopt",…,"ratio_to_blob_put":…}  (a spooled upload hard-linked in, as uploads are)
            {"bench":"filter_create","ms_median":…}
            {"bench":"style_code","cached_ms_median":…,"encoder_ms_median":…,"speedup":…}
            """
    )

    @OptionGroup var models: ModelOptions

    @Option(help: ArgumentHelp("Style image for the filter benchmarks.", valueName: "file"))
    var style = "../shared/images/style/antimonocromatismo.jpg"

    @Option(help: "Size of the blob in MiB.")
    var megabytes = 128

    @Option(help: "Timed runs per measurement.")
    var runs = 5

    @Option(help: ArgumentHelp("Folder for the temporary data directory (same file system as production data, ideally).", valueName: "dir"))
    var workDir: String?

    func validate() throws {
        guard runs >= 1, megabytes >= 1 else { throw ValidationError("--runs and --megabytes must be at least 1") }
    }

    func run() throws {
        try CommandFailure.reporting(command: "gallery bench") {
            let base = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory())
                .appendingPathComponent("stylify-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: base) }
            try benchBlobs(in: base)
            try benchFilters(in: base)
        }
    }

    private func benchBlobs(in base: URL) throws {
        let blobs = try LocalDiskBlobStore(root: base.appendingPathComponent("blobs"))
        let source = base.appendingPathComponent("source.bin")
        var bytes = Data(count: megabytes << 20)
        bytes.withUnsafeMutableBytes { buffer in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for index in stride(from: 0, to: buffer.count, by: 8) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                withUnsafeBytes(of: state) { word in
                    for offset in 0..<min(8, buffer.count - index) { buffer[index + offset] = word[offset] }
                }
            }
        }
        var ours: [Double] = []
        var peer: [Double] = []
        var copyOnly: [Double] = []
        for run in 0...runs {
            // New bytes each run, so every put really writes.
            bytes[0] = UInt8(truncatingIfNeeded: run)
            try bytes.write(to: source)
            let time = try milliseconds { _ = try blobs.put(contentsOf: source) }
            let copy = base.appendingPathComponent("copy-\(run).bin")
            let peerTime = try milliseconds {
                try shell("sha256sum '\(source.path)' > /dev/null && cp '\(source.path)' '\(copy.path)' && sync '\(copy.path)'")
            }
            try? FileManager.default.removeItem(at: copy)
            let copyTime = try milliseconds { try shell("cp '\(source.path)' '\(copy.path)' && sync '\(copy.path)'") }
            try? FileManager.default.removeItem(at: copy)
            if run > 0 { ours.append(time); peer.append(peerTime); copyOnly.append(copyTime) }  // run 0 warms up
        }
        let megabytesDouble = Double(megabytes) * 1.048576
        print(#"{"bench":"blob_put","mb":\#(round2(megabytesDouble)),"ms_median":\#(round2(median(ours))),"mb_per_s":\#(round2(megabytesDouble / median(ours) * 1000)),"peer":"sha256sum+cp+sync","peer_ms_median":\#(round2(median(peer))),"ratio_to_peer":\#(round2(median(ours) / median(peer))),"cp_sync_ms_median":\#(round2(median(copyOnly))),"ratio_to_cp_sync":\#(round2(median(ours) / median(copyOnly)))}"#)
        var duplicate: [Double] = []
        for _ in 0..<runs { duplicate.append(try milliseconds { _ = try blobs.put(contentsOf: source) }) }
        print(#"{"bench":"blob_put_duplicate","mb":\#(round2(megabytesDouble)),"ms_median":\#(round2(median(duplicate))),"mb_per_s":\#(round2(megabytesDouble / median(duplicate) * 1000))}"#)
        // A spooled upload adopted as a hard link: hashed and fsynced, never copied.
        var adopted: [Double] = []
        for run in 0..<runs {
            bytes[1] = UInt8(truncatingIfNeeded: run + 1)
            let spooled = base.appendingPathComponent("spooled-\(run).bin")
            try bytes.write(to: spooled)
            adopted.append(try milliseconds { _ = try blobs.put(adoptingFileAt: spooled) })
            try? FileManager.default.removeItem(at: spooled)
        }
        print(#"{"bench":"blob_adopt","mb":\#(round2(megabytesDouble)),"ms_median":\#(round2(median(adopted))),"ratio_to_blob_put":\#(round2(median(adopted) / median(ours))),"ratio_to_cp_sync":\#(round2(median(adopted) / median(copyOnly)))}"#)
    }

    private func benchFilters(in base: URL) throws {
        let database = try Database(url: base.appendingPathComponent("stylify.sqlite"))
        let quotas = try QuotaService(database: database)
        let loaded = try StyleModels.loadAvailable(from: try models.locator())
        guard let microast = loaded.first(where: { $0.kind == .microast }) else {
            throw CommandFailure(message: "no microast model found", code: .noInput)
        }
        let filters = FilterService(database: database, blobs: try LocalDiskBlobStore(root: base.appendingPathComponent("blobs")), quotas: quotas, models: loaded)
        let account = try AccountServices(database: database).registration
            .signUp(email: "bench@stylify.invalid", password: "gallery-bench-password").account.id.rawValue
        try quotas.administration.setPlan("premium", forAccount: account)
        _ = try quotas.administration.setOverride(.customFilters, to: Int64(runs + 1), forAccount: account)
        let styleFile = URL(fileURLWithPath: style)
        var created: [Double] = []
        var last: Filter?
        for _ in 0...runs {
            created.append(try milliseconds { last = try filters.create(account: account, styleImage: styleFile, name: "bench") })
        }
        print(#"{"bench":"filter_create","style":"\#(styleFile.lastPathComponent)","models":\#(loaded.count),"ms_median":\#(round2(median(Array(created.dropFirst()))))}"#)
        guard let filter = last else { return }
        var cached: [Double] = []
        var encoder: [Double] = []
        let stylizer = ImageStylizer(model: microast)
        for _ in 0..<runs {
            cached.append(try milliseconds { _ = try filters.styleCode(filter: filter.id, model: .microast, account: account) })
            encoder.append(try milliseconds { _ = try stylizer.styleCode(for: try ImageDecoder.decode(contentsOf: styleFile)) })
        }
        print(#"{"bench":"style_code","cached_ms_median":\#(round3(median(cached))),"encoder_ms_median":\#(round2(median(encoder))),"speedup":\#(round2(median(encoder) / median(cached)))}"#)
    }

    private func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    private func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure(message: "peer command failed: \(command)", code: .internalSoftware) }
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    private func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
