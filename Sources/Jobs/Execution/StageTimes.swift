import Foundation

/// Time spent in each stage of one run, summed over frames.
struct StageTimes: Sendable {
    var decode: Duration = .zero
    var inference: Duration = .zero
    var encode: Duration = .zero

    var timings: JobTimings {
        JobTimings(decodeMilliseconds: decode.milliseconds, inferenceMilliseconds: inference.milliseconds,
                   encodeMilliseconds: encode.milliseconds)
    }
}

extension Duration {
    var milliseconds: Int {
        let parts = components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }

    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
