/// Reads the Prometheus text format (0.0.4) back into families: `stylify admin stats` reads the
/// server's `/metrics` with it, and the encoder's tests check that what it writes parses back.
/// Histograms are reassembled from their `_bucket`, `_sum` and `_count` lines; untyped samples
/// read as gauges; timestamps are ignored.
public enum PrometheusTextParser {
    /// A line that is not valid exposition text.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line number.
        public let line: Int
        public let reason: String

        public var description: String { "metrics line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws -> [MetricFamily] {
        var families: [Builder] = []
        var byName: [String: Int] = [:]
        func family(_ name: String) -> Int {
            if let index = byName[name] { return index }
            families.append(Builder(name: name))
            byName[name] = families.count - 1
            return families.count - 1
        }
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.hasPrefix("#") {
                let words = line.dropFirst().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard words.count >= 2, words[0] == "HELP" || words[0] == "TYPE" else { continue }  // a comment
                let index = family(String(words[1]))
                let rest = words.count > 2 ? String(words[2]) : ""
                if words[0] == "HELP" {
                    families[index].help = unescape(rest, quotes: false)
                } else {
                    switch rest {
                    case "counter": families[index].kind = .counter
                    case "gauge", "untyped": families[index].kind = .gauge
                    case "histogram": families[index].kind = .histogram
                    default: throw Failure(line: number, reason: "unsupported type \"\(rest)\"")
                    }
                }
                continue
            }
            let sample = try parseSample(line, number: number)
            if let (base, suffix) = histogramPart(of: sample.name, families: families, byName: byName) {
                try families[byName[base]!].addHistogramPart(suffix, sample: sample, line: number)
            } else {
                families[family(sample.name)].samples.append(MetricSample(labels: sample.labels, sample.value))
            }
        }
        return try families.map { try $0.build() }
    }

    /// `x_bucket`, `x_sum`, `x_count` of a family `x` declared as a histogram.
    private static func histogramPart(of name: String, families: [Builder], byName: [String: Int]) -> (String, String)? {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if let index = byName[base], families[index].kind == .histogram { return (base, suffix) }
        }
        return nil
    }

    struct RawSample {
        var name: String
        var labels: [(name: String, value: String)]
        var value: Double
    }

    static func parseSample(_ line: Substring, number: Int) throws -> RawSample {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        func fail(_ reason: String) -> Failure { Failure(line: number, reason: reason) }
        func isNameScalar(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "_", ":": return true
            case "0"..."9": return !first
            default: return false
            }
        }
        func readName() throws -> String {
            let start = index
            while index < scalars.count, isNameScalar(scalars[index], first: index == start) { index += 1 }
            guard index > start else { throw fail("expected a name at column \(start + 1)") }
            return String(String.UnicodeScalarView(scalars[start..<index]))
        }
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }

        let name = try readName()
        var labels: [(name: String, value: String)] = []
        skipSpaces()
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while true {
                skipSpaces()
                guard index < scalars.count else { throw fail("unterminated label set") }
                if scalars[index] == "}" {
                    index += 1
                    break
                }
                let label = try readName()
                skipSpaces()
                guard index < scalars.count, scalars[index] == "=" else { throw fail("expected = after label \(label)") }
                index += 1
                skipSpaces()
                guard index < scalars.count, scalars[index] == "\"" else { throw fail("expected a quoted value for label \(label)") }
                index += 1
                var value = String.UnicodeScalarView()
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\"" {
                        closed = true
                        break
                    }
                    if scalar == "\\" {
                        guard index < scalars.count else { break }
                        let escaped = scalars[index]
                        index += 1
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        default: throw fail("unknown escape \\\(escaped) in label \(label)")
                        }
                    } else {
                        value.append(scalar)
                    }
                }
                guard closed else { throw fail("unterminated value of label \(label)") }
                if labels.contains(where: { $0.name == label }) { throw fail("label \(label) appears twice") }
                labels.append((label, String(value)))
                skipSpaces()
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
        }
        skipSpaces()
        let rest = String(String.UnicodeScalarView(scalars[index...]))
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = fields.first, fields.count <= 2 else { throw fail("expected a value and an optional timestamp") }
        guard let value = parseValue(first) else { throw fail("\"\(first)\" is not a number") }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("\"\(fields[1])\" is not a timestamp") }
        return RawSample(name: name, labels: labels, value: value)
    }

    /// A sample value or `le` bound, `+Inf`, `-Inf` and `NaN` included.
    public static func parseValue<S: StringProtocol>(_ text: S) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(String(text))
        }
    }

    static func unescape(_ text: String, quotes: Bool) -> String {
        guard text.contains("\\") else { return text }
        var out = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "n": out.append("\n")
                case "\\": out.append("\\")
                case "\"" where quotes: out.append("\"")
                default:
                    out.append("\\")
                    out.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        if escaping { out.append("\\") }
        return String(out)
    }
}
