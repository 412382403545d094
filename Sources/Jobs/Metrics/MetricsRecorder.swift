import Common
import Foundation
import Inference

/// The in-memory half of `JobMetrics`: a ring of recent latencies and inference totals per
/// model, each behind its own lock.
final class MetricsRecorder: Sendable {
    private struct Ring {
        var latencies: [Double] = []
        var next = 0
    }

    private let ring = Locked(Ring())
    private let totals = Locked<[ModelKind: Totals]>([:])

    private struct Totals {
        var milliseconds: Double
        var megapixels: Double
    }

    func recordSuccess(latencyMilliseconds: Double) {
        ring.withLock { ring in
            if ring.latencies.count < JobMetrics.window {
                ring.latencies.append(latencyMilliseconds)
            } else {
                ring.latencies[ring.next] = latencyMilliseconds
            }
            ring.next = (ring.next + 1) % JobMetrics.window
        }
    }

    func recordInference(model: ModelKind, milliseconds: Double, megapixels: Double) {
        guard megapixels > 0 else { return }
        totals.withLock { totals in
            let total = totals[model] ?? Totals(milliseconds: 0, megapixels: 0)
            totals[model] = Totals(milliseconds: total.milliseconds + milliseconds, megapixels: total.megapixels + megapixels)
        }
    }

    func snapshot(queueDepth: Int, jobsByStatus: [JobStatus: Int], runningHere: Int) -> JobMetrics {
        let latencies = ring.withLock { $0.latencies }
        let inference = totals.withLock { $0 }
        return JobMetrics(
            meanLatencyMilliseconds: latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count),
            latencySamples: latencies.count,
            inferenceMillisecondsPerMegapixel: inference.mapValues { $0.milliseconds / $0.megapixels },
            inference: inference.mapValues {
                JobMetrics.InferenceTotals(seconds: $0.milliseconds / 1000, megapixels: $0.megapixels)
            },
            queueDepth: queueDepth, jobsByStatus: jobsByStatus, runningHere: runningHere)
    }
}
