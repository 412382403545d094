import Foundation
import Inference

/// The in-memory half of `JobMetrics`: a ring of recent latencies and inference totals per model.
final class MetricsRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var next = 0
    private var inference: [ModelKind: (milliseconds: Double, megapixels: Double)] = [:]

    func recordSuccess(latencyMilliseconds: Double) {
        lock.withLock {
            if latencies.count < JobMetrics.window {
                latencies.append(latencyMilliseconds)
            } else {
                latencies[next] = latencyMilliseconds
            }
            next = (next + 1) % JobMetrics.window
        }
    }

    func recordInference(model: ModelKind, milliseconds: Double, megapixels: Double) {
        guard megapixels > 0 else { return }
        lock.withLock {
            let total = inference[model] ?? (0, 0)
            inference[model] = (total.milliseconds + milliseconds, total.megapixels + megapixels)
        }
    }

    func snapshot(queueDepth: Int, jobsByStatus: [JobStatus: Int], runningHere: Int) -> JobMetrics {
        lock.withLock {
            JobMetrics(
                meanLatencyMilliseconds: latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count),
                latencySamples: latencies.count,
                inferenceMillisecondsPerMegapixel: inference.mapValues { $0.milliseconds / $0.megapixels },
                inference: inference.mapValues {
                    JobMetrics.InferenceTotals(seconds: $0.milliseconds / 1000, megapixels: $0.megapixels)
                },
                queueDepth: queueDepth, jobsByStatus: jobsByStatus, runningHere: runningHere)
        }
    }
}
