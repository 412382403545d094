import ArgumentParser
import Foundation
import ObjectStorage
import Storage

/// `stylify bench blobs`: blob PUT and GET throughput on the S3 store the environment names
/// against `LocalDiskBlobStore`, in the same run, as ratios. Starts no server: point it at one.
struct BlobsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blobs",
        abstract: "Time blob PUT and GET on S3 (from the environment) against the local disk store.",
        discussion: """
            The S3 store comes from STYLIFY_BLOB_URL=s3://bucket/prefix, STYLIFY_S3_ENDPOINT, AWS_ACCESS_KEY_ID, \
            AWS_SECRET_ACCESS_KEY and AWS_REGION (see Docs/ObjectStorage.md). Every run puts new bytes, so nothing \
            is deduplicated; GET reads the whole blob through open() with a cold S3 read cache, so it includes the \
            download and its SHA-256 check. The benchmark's S3 blobs are deleted afterwards.

            One line per size (ratios are S3 / local; MB = 10^6 bytes):
            {"bench":"blobs","mib":…,"runs":…,"local_put_mb_per_s":…,"s3_put_mb_per_s":…,"put_ratio":…,"local_get_mb_per_s":…,"s3_get_mb_per_s":…,"get_ratio":…}
            """
    )

    @Option(help: "Comma-separated blob sizes in MiB.")
    var sizes = "1,64"

    @Option(help: "Timed runs per size and store (after one warm-up run); the median is printed.")
    var runs = 5

    @Option(help: ArgumentHelp("Folder for the local store, the S3 spool and cache (default: a temporary folder).", valueName: "dir"))
    var localDir: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard parsedSizes() != nil else { throw ValidationError("--sizes must be comma-separated whole numbers of MiB, at least 1") }
    }

    func run() throws {
        try CommandFailure.reporting(command: "bench blobs") {
            guard let s3Configuration = try S3Configuration(environment: ProcessInfo.processInfo.environment) else {
                throw CommandFailure(message: "set STYLIFY_BLOB_URL=s3://bucket/prefix (and STYLIFY_S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) to name the S3 store to measure",
                                     code: ExitCode(78))
            }
            let base = URL(fileURLWithPath: localDir ?? NSTemporaryDirectory()).appendingPathComponent("stylify-blobs-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: base) }
            let local = try LocalDiskBlobStore(root: base.appendingPathComponent("disk"))
            let s3 = try S3BlobStore(configuration: s3Configuration, localDirectory: base.appendingPathComponent("s3"))
            try s3.checkAccess()
            for mib in parsedSizes()! {
                try measure(mib: mib, local: local, s3: s3, configuration: s3Configuration, base: base)
            }
        }
    }

    private func measure(mib: Int, local: LocalDiskBlobStore, s3: S3BlobStore, configuration: S3Configuration, base: URL) throws {
        var bytes = Self.randomBytes(mib << 20)
        let source = base.appendingPathComponent("source.bin")
        var timings: [String: [Double]] = [:]
        var written: [BlobKey] = []
        for run in 0...runs {
            // New bytes each run, so neither store can deduplicate.
            bytes[0] = UInt8(truncatingIfNeeded: run)
            bytes[1] = UInt8(truncatingIfNeeded: run >> 8)
            try bytes.write(to: source)
            for (name, store) in [("local", local as any BlobStore), ("s3", s3)] {
                var key: BlobKey?
                let put = try seconds { key = try store.put(contentsOf: source).key }
                // A fresh S3 store per read: its cache is cold, as on another node.
                let reader: any BlobStore = name == "s3"
                    ? try S3BlobStore(configuration: configuration, localDirectory: base.appendingPathComponent("s3-read-\(run)"))
                    : store
                let get = try seconds { try Self.readAll(reader, key!) }
                if run > 0 {  // run 0 warms up connections and caches
                    timings["\(name)_put", default: []].append(put)
                    timings["\(name)_get", default: []].append(get)
                }
                if name == "s3" { written.append(key!) }
            }
        }
        for key in written { try? s3.delete(key) }
        let megabytes = Double(mib << 20) / 1e6
        func rate(_ name: String) -> Double { megabytes / median(timings[name]!) }
        print(#"{"bench":"blobs","mib":\#(mib),"runs":\#(runs),"local_put_mb_per_s":\#(round1(rate("local_put"))),"s3_put_mb_per_s":\#(round1(rate("s3_put"))),"put_ratio":\#(round3(rate("s3_put") / rate("local_put"))),"local_get_mb_per_s":\#(round1(rate("local_get"))),"s3_get_mb_per_s":\#(round1(rate("s3_get"))),"get_ratio":\#(round3(rate("s3_get") / rate("local_get")))}"#)
    }

    private static func readAll(_ store: any BlobStore, _ key: BlobKey) throws {
        let stream = try store.open(key)
        defer { stream.close() }
        while !(try stream.read()).isEmpty {}
    }

    private static func randomBytes(_ count: Int) -> Data {
        var data = Data(count: count)
        data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for index in stride(from: 0, to: count, by: 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                withUnsafeBytes(of: state) { word in
                    for offset in 0..<min(8, count - index) { buffer[index + offset] = word[offset] }
                }
            }
        }
        return data
    }

    private func parsedSizes() -> [Int]? {
        let values = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        return values.map { $0! }
    }

    private func seconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func round1(_ value: Double) -> Double { (value * 10).rounded() / 10 }
    private func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
