/// One named metric with its help text, type and every labelled series: the unit both the
/// Prometheus text encoder writes and its parser reads back.
public struct MetricFamily: Sendable, Equatable {
    /// The Prometheus metric type of a family.
    public enum Kind: String, Sendable, Equatable {
        case counter
        case gauge
        case histogram
    }

    /// `stylify_…`, in base units (seconds, bytes); counters end in `_total`.
    public var name: String
    public var help: String
    public var kind: Kind
    public var samples: [MetricSample]

    public init(name: String, help: String, kind: Kind, samples: [MetricSample]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.samples = samples
    }

    /// The sample whose labels are exactly `labels` (order does not matter).
    public func sample(_ labels: [String: String] = [:]) -> MetricSample? {
        samples.first { $0.labelDictionary == labels }
    }
}

/// One series of a family: its labels and a number, or a histogram.
public struct MetricSample: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case histogram(HistogramSnapshot)
    }

    /// Label names and values in output order.
    public var labels: [(name: String, value: String)]
    public var value: Value

    public init(labels: [(name: String, value: String)] = [], value: Value) {
        self.labels = labels
        self.value = value
    }

    public init(labels: [(name: String, value: String)] = [], _ number: Double) {
        self.init(labels: labels, value: .number(number))
    }

    public var labelDictionary: [String: String] {
        Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The plain number, or nil for a histogram.
    public var number: Double? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// The histogram, or nil for a plain number.
    public var histogram: HistogramSnapshot? {
        if case .histogram(let histogram) = value { return histogram }
        return nil
    }

    public static func == (lhs: MetricSample, rhs: MetricSample) -> Bool {
        lhs.labels.elementsEqual(rhs.labels) { $0.name == $1.name && $0.value == $1.value } && lhs.value == rhs.value
    }
}
