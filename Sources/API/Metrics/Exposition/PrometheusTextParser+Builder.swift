extension PrometheusTextParser {
    /// A family being read: plain samples as they come, histogram parts grouped by their labels.
    struct Builder {
        struct Parts {
            var labels: [(name: String, value: String)]
            var buckets: [(bound: Double, count: Double)] = []
            var sum: Double?
            var count: Double?
            var firstLine: Int
        }

        let name: String
        var help = ""
        var kind: MetricFamily.Kind = .gauge
        var samples: [MetricSample] = []
        var histograms: [Parts] = []

        init(name: String) {
            self.name = name
        }

        mutating func addHistogramPart(_ suffix: String, sample: RawSample, line: Int) throws {
            var labels = sample.labels
            var bound: Double?
            if suffix == "_bucket" {
                guard let le = labels.firstIndex(where: { $0.name == "le" }) else {
                    throw Failure(line: line, reason: "\(sample.name) has no le label")
                }
                guard let parsed = PrometheusTextParser.parseValue(labels[le].value), !parsed.isNaN else {
                    throw Failure(line: line, reason: "le=\"\(labels[le].value)\" is not a bound")
                }
                bound = parsed
                labels.remove(at: le)
            }
            let key = labels
            let index: Int
            if let found = histograms.firstIndex(where: { $0.labels.elementsEqual(key) { $0 == $1 } }) {
                index = found
            } else {
                histograms.append(Parts(labels: key, firstLine: line))
                index = histograms.count - 1
            }
            switch suffix {
            case "_bucket": histograms[index].buckets.append((bound!, sample.value))
            case "_sum": histograms[index].sum = sample.value
            default: histograms[index].count = sample.value
            }
        }

        func build() throws -> MetricFamily {
            guard kind == .histogram else { return MetricFamily(name: name, help: help, kind: kind, samples: samples) }
            guard samples.isEmpty else {
                throw Failure(line: 0, reason: "histogram \(name) has samples that are not _bucket, _sum or _count")
            }
            let built = try histograms.map { parts -> MetricSample in
                let sorted = parts.buckets.sorted { $0.bound < $1.bound }
                let finite = sorted.filter { $0.bound.isFinite }
                guard let infinity = sorted.last(where: { $0.bound == .infinity }) else {
                    throw Failure(line: parts.firstLine, reason: "histogram \(name) has no le=\"+Inf\" bucket")
                }
                guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0.count <= $1.count }) else {
                    throw Failure(line: parts.firstLine, reason: "histogram \(name) buckets are not cumulative")
                }
                let count = parts.count ?? infinity.count
                guard (sorted.map(\.count) + [count]).allSatisfy({ $0 >= 0 && $0 < 1.8e19 }) else {
                    throw Failure(line: parts.firstLine, reason: "histogram \(name) has a count that is not a non-negative number")
                }
                guard count == infinity.count else {
                    throw Failure(line: parts.firstLine, reason: "histogram \(name) _count differs from its +Inf bucket")
                }
                let snapshot = HistogramSnapshot(
                    upperBounds: finite.map(\.bound), cumulativeCounts: finite.map { UInt64($0.count) },
                    sum: parts.sum ?? 0, count: UInt64(count))
                return MetricSample(labels: parts.labels, value: .histogram(snapshot))
            }
            return MetricFamily(name: name, help: help, kind: kind, samples: built)
        }
    }
}
