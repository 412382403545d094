import ArgumentParser
import Foundation
import Inference
import Jobs
import Media

/// `stylify bench stylize`: synchronous stylizations through a real `stylify serve` (HTTP, auth,
/// asset and filter lookup, job row, decode, network, encode, result asset, metering) against the
/// bare network at the same size in the same run, alternated so both see the same machine load.
struct StylizeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stylize",
        abstract: "Time synchronous JPEG stylizations over HTTP against bare inference at the same size.",
        discussion: """
        Starts `stylify serve` on a free port with a fresh data directory, signs up, uploads --content \
        resized to --width x --height as a JPEG, picks a gallery filter, then alternates --requests \
        timed POST /v1/stylizations (201, JPEG) with timed bare inference runs (cached style code, as \
        `bench inference --cached`).

        Prints one JSON object: width, height, requests, http_ms_mean, http_ms_median, \
        inference_ms_mean, inference_ms_median, ratio, server_decode_ms, server_inference_ms, \
        server_encode_ms, overhead_ms. ratio = mean HTTP time / mean inference time (the goal is \
        <= 1.10); server_* are the means of the stylizations' own timings; overhead_ms is the mean \
        of each request's wall time minus its own inference time (HTTP, auth, database, decode, \
        encode, result asset). On a loaded machine the network's time varies more between runs \
        than the whole overhead.
        """
    )

    @Option(help: "Content image (resized to --width x --height).")
    var content: String = "../shared/images/content/cornell.jpg"

    @Option(help: "Width of the uploaded JPEG.")
    var width: Int = 1000

    @Option(help: "Height of the uploaded JPEG.")
    var height: Int = 1000

    @Option(help: "Timed requests (and as many timed inference runs), after one warm-up of each.")
    var requests: Int = 8

    @OptionGroup var models: ModelOptions

    @Option(help: "Gallery folder of style images for the server.")
    var gallery: String = "../shared/images/style"

    func validate() throws {
        guard requests >= 1 else { throw ValidationError("--requests must be at least 1") }
        guard (16...1024).contains(width), (16...1024).contains(height) else {
            throw ValidationError("--width and --height must be 16...1024 (the free plan's long side)")
        }
    }

    func run() throws {
        try CommandFailure.reporting(command: "bench stylize") {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let image = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: content)).resized(width: width, height: height)
            let jpeg = try ImageEncoder.encode(image, as: .jpeg(quality: 90))

            let reader = SettingsReader()
            let settings = try models.inference.settings(reader)
            // The server's inference runs with the same settings as the bare side.
            let server = try BenchServer(
                data: scratch.appendingPathComponent("data"), models: models.directory(reader).path, gallery: gallery,
                inference: settings)
            defer { server.stop() }
            let client = BlockingHTTPClient(base: server.baseURL)
            let signUp = try client.json("POST", "/v1/accounts", ["email": "bench@example.com", "password": "correct horse battery"], expecting: 201)
            client.token = signUp["session_token"] as? String
            let uploaded = try client.send("POST", "/v1/assets", contentType: "image/jpeg", body: jpeg)
            try uploaded.expect(201, "POST", "/v1/assets")
            let asset = try uploaded.json()["id"] as? String ?? ""
            let filters = try client.send("GET", "/v1/filters")
            try filters.expect(200, "GET", "/v1/filters")
            guard let filter = (try filters.json()["data"] as? [[String: Any]])?.first?["id"] as? String else {
                throw CommandFailure(message: "the server has no gallery filter (is --gallery a folder of style images?)", code: .noInput)
            }
            let body = try JSONSerialization.data(withJSONObject: [
                "content": asset, "filters": [["id": filter]], "format": "jpeg",
            ])

            let model = try models.locator(reader).load(.microast)
            let style = try ImageDecoder.decode(contentsOf: try Self.firstStyle(in: gallery))
            let code = try ImageStylizer(model: model).styleCode(for: style)
            let input = FloatImage(image)

            var http: [Double] = [], bare: [Double] = []
            var reported = (decode: 0.0, inference: 0.0, encode: 0.0, overhead: 0.0)
            for round in 0...requests {
                var start = DispatchTime.now()
                let answer = try client.send("POST", "/v1/stylizations", contentType: "application/json", body: body)
                let httpMilliseconds = Self.milliseconds(since: start)
                try answer.expect(201, "POST", "/v1/stylizations")
                let timings = try answer.json()["timings"] as? [String: Any] ?? [:]

                start = DispatchTime.now()
                _ = try model.stylize(content: input, styles: [WeightedStyle(code: code)], options: StylizeOptions())
                let bareMilliseconds = Self.milliseconds(since: start)
                guard round > 0 else { continue }  // warm-up: model loading, first-touch of buffers
                http.append(httpMilliseconds)
                bare.append(bareMilliseconds)
                reported.decode += Double(timings["decode_ms"] as? Int ?? 0) / Double(requests)
                reported.inference += Double(timings["inference_ms"] as? Int ?? 0) / Double(requests)
                reported.encode += Double(timings["encode_ms"] as? Int ?? 0) / Double(requests)
                reported.overhead += (httpMilliseconds - Double(timings["inference_ms"] as? Int ?? 0)) / Double(requests)
            }
            let line: [String: Any] = [
                "width": width, "height": height, "requests": requests,
                "http_ms_mean": Self.rounded(Self.mean(http)), "http_ms_median": Self.rounded(Self.median(http)),
                "inference_ms_mean": Self.rounded(Self.mean(bare)), "inference_ms_median": Self.rounded(Self.median(bare)),
                "ratio": Self.rounded(Self.mean(http) / Self.mean(bare), places: 3),
                "server_decode_ms": Self.rounded(reported.decode), "server_inference_ms": Self.rounded(reported.inference),
                "server_encode_ms": Self.rounded(reported.encode), "overhead_ms": Self.rounded(reported.overhead),
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    private static func firstStyle(in folder: String) throws -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard let name = names.sorted().first(where: { $0.lowercased().hasSuffix(".jpg") || $0.lowercased().hasSuffix(".png") }) else {
            throw CommandFailure(message: "no style image in \(folder)", code: .noInput)
        }
        return URL(fileURLWithPath: folder).appendingPathComponent(name)
    }

    private static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }

    private static func rounded(_ value: Double, places: Double = 1) -> Double {
        let scale = pow(10, places)
        return (value * scale).rounded() / scale
    }
}
