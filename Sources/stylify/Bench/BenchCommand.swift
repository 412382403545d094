import ArgumentParser
import Foundation
import Inference

/// `stylify bench …`: benchmarks that print one JSON line per measurement, to be compared with
/// the peers in ../shared/bench run on the same machine at the same time.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks printing one JSON line per measurement.",
        subcommands: [InferenceBench.self, VideoBench.self, StylizeBench.self, CodecBench.self, BlobsBench.self, WorkersBench.self]
    )
}

/// `stylify bench inference`: times stylization of random content at several sizes.
struct InferenceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "Time the inference engine (content encoder + decoder, optionally the style encoder).",
        discussion: """
        Prints {"model","size","threads","path","ms_median","ms_min","gflop","gflops_per_s","peak_rss_mb"} per size.
        FLOPs are 2 x multiply-adds of all convolutions, grouped ones per group (as the ONNX Runtime peer counts).
        peak_rss_mb is the process's peak so far (getrusage), so sizes are best run in ascending order.
        OpenBLAS reads OPENBLAS_CORETYPE when it loads; set it in the environment to compare kernels.
        """
    )

    @Option(help: "microast or adain.")
    var model: ModelKind = .microast

    @Option(help: "Comma-separated square content sizes.")
    var sizes: String = "512,1024,2048,4096"

    @Flag(help: "Use a precomputed style code (what a saved filter does) instead of encoding a 512² style each run.")
    var cached = false

    @Option(help: "Timed runs per size (after one warm-up run).")
    var runs: Int = 5

    @OptionGroup var models: ModelOptions

    @Option(help: "The model's own folder, overriding --models (e.g. ../shared/models/adain-synthetic).")
    var modelDir: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard parsedSizes() != nil else { throw ValidationError("--sizes must be comma-separated integers >= 16") }
    }

    func run() throws {
        let locator = try models.locator()
        let context = locator.context
        let folder = modelDir.map { URL(fileURLWithPath: $0) } ?? locator.folder(for: model)
        let engine: any StyleTransferModel
        let flops: (Int, Int?) -> Double
        switch model {
        case .microast:
            let loaded = try MicroAST(directory: folder, context: context)
            engine = loaded
            flops = { loaded.flops(width: $0, height: $0, styleSide: $1) }
        case .adain:
            let loaded = try AdaIN(directory: folder, context: context)
            engine = loaded
            flops = { loaded.flops(width: $0, height: $0, styleSide: $1) }
        }
        FileHandle.standardError.write(Data("bench: OpenBLAS core \(ComputeContext.blasCoreName), \(context.threads) threads\n".utf8))

        var random = SeededRandom(seed: 0)
        let style = random.image(side: 512)
        let cachedCode = try engine.encodeStyle(style)
        for size in parsedSizes()! {
            let content = random.image(side: size)
            let once = {
                let code = cached ? cachedCode : try engine.encodeStyle(style)
                _ = try engine.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions())
            }
            try once()
            var times: [Double] = []
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                try once()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
            let gflop = flops(size, cached ? nil : 512) / 1e9
            let line = #"{"model":"\#(model.rawValue)","size":\#(size),"threads":\#(context.threads),"path":"\#(cached ? "cached" : "full")","ms_median":\#(round2(median)),"ms_min":\#(round2(times[0])),"gflop":\#(round3(gflop)),"gflops_per_s":\#(round2(gflop / (median / 1000))),"peak_rss_mb":\#(round2(peakResidentMegabytes()))}"#
            // Unbuffered, so each size's line appears as soon as it is measured.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    private func parsedSizes() -> [Int]? {
        let values = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 16 }) else { return nil }
        return values.map { $0! }
    }

    private func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    private func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }
}

extension ModelKind: ExpressibleByArgument {}

/// A small deterministic generator so every run times the same content.
private struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 24)
    }

    mutating func image(side: Int) -> FloatImage {
        FloatImage(width: side, height: side, planes: (0..<(3 * side * side)).map { _ in next() })
    }
}
