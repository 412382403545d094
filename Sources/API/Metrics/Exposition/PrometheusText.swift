/// The Prometheus text exposition format, version 0.0.4: what `GET /metrics` answers.
///
///     # HELP stylify_jobs Jobs in each state (every account).
///     # TYPE stylify_jobs gauge
///     stylify_jobs{state="queued"} 3
public enum PrometheusText {
    /// The `Content-Type` of an exposition.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Writes every family (HELP, TYPE, then its samples; histograms as cumulative `_bucket{le=…}`,
    /// `_sum` and `_count`), in the order given.
    public static func encode(_ families: [MetricFamily]) -> String {
        var out = ""
        out.reserveCapacity(families.count * 256)
        for family in families {
            out += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                switch sample.value {
                case .number(let number):
                    line(&out, family.name, sample.labels, number)
                case .histogram(let histogram):
                    for (bound, cumulative) in zip(histogram.upperBounds, histogram.cumulativeCounts) {
                        line(&out, family.name + "_bucket", sample.labels + [("le", format(bound))], Double(cumulative))
                    }
                    line(&out, family.name + "_bucket", sample.labels + [("le", "+Inf")], Double(histogram.count))
                    line(&out, family.name + "_sum", sample.labels, histogram.sum)
                    line(&out, family.name + "_count", sample.labels, Double(histogram.count))
                }
            }
        }
        return out
    }

    private static func line(_ out: inout String, _ name: String, _ labels: [(name: String, value: String)], _ value: Double) {
        out += name
        if !labels.isEmpty {
            out += "{"
            for (index, label) in labels.enumerated() {
                if index > 0 { out += "," }
                out += label.name
                out += "=\""
                out += escapeLabelValue(label.value)
                out += "\""
            }
            out += "}"
        }
        out += " "
        out += format(value)
        out += "\n"
    }

    /// A sample value or `le` bound: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// Label values escape backslash, double quote and line feed.
    public static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") })
        else { return value }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// HELP text escapes backslash and line feed (quotes stay as they are).
    public static func escapeHelp(_ help: String) -> String {
        var out = ""
        for character in help.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
