import API
import XCTest

/// The Prometheus text encoder and its parser: escaping, histograms, and that what one writes the
/// other reads back unchanged.
final class PrometheusTextTests: XCTestCase {
    private let latency = HistogramSnapshot(upperBounds: [0.01, 0.1, 1], perBucket: [3, 0, 2, 1], sum: 2.345)

    private var families: [MetricFamily] {
        [
            MetricFamily(
                name: "stylify_things_total", help: "Things with a \\ backslash\nand a second line.", kind: .counter,
                samples: [
                    MetricSample(labels: [("route", "/v1/a"), ("status", "200")], 42),
                    MetricSample(labels: [("route", #"quote " back \ newline \#n end"#), ("status", "500")], 0),
                ]),
            MetricFamily(name: "stylify_gauge", help: "A gauge without labels.", kind: .gauge, samples: [MetricSample(0.25)]),
            MetricFamily(name: "stylify_empty", help: "No series yet.", kind: .gauge, samples: []),
            MetricFamily(
                name: "stylify_latency_seconds", help: "A histogram.", kind: .histogram,
                samples: [MetricSample(labels: [("route", "/x")], value: .histogram(latency))]),
        ]
    }

    func testLabelValuesEscapeBackslashQuoteAndNewline() {
        let text = PrometheusText.encode(families)
        XCTAssertTrue(
            text.contains(#"stylify_things_total{route="quote \" back \\ newline \n end",status="500"} 0"#), text)
        XCTAssertTrue(text.contains("# HELP stylify_things_total Things with a \\\\ backslash\\nand a second line.\n"), text)
    }

    func testEveryFamilyHasHelpAndTypeLinesBeforeItsSamples() {
        let lines = PrometheusText.encode(families).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "# HELP stylify_things_total Things with a \\\\ backslash\\nand a second line.")
        XCTAssertEqual(lines[1], "# TYPE stylify_things_total counter")
        XCTAssertEqual(lines[2], #"stylify_things_total{route="/v1/a",status="200"} 42"#)
        XCTAssertTrue(lines.contains("# TYPE stylify_empty gauge"))
        XCTAssertTrue(lines.contains("stylify_gauge 0.25"))
    }

    func testHistogramBucketsAreCumulativeWithInfSumAndCount() {
        let lines = PrometheusText.encode(families).split(separator: "\n").map(String.init).filter { $0.hasPrefix("stylify_latency") }
        XCTAssertEqual(lines, [
            #"stylify_latency_seconds_bucket{route="/x",le="0.01"} 3"#,
            #"stylify_latency_seconds_bucket{route="/x",le="0.1"} 3"#,
            #"stylify_latency_seconds_bucket{route="/x",le="1"} 5"#,
            #"stylify_latency_seconds_bucket{route="/x",le="+Inf"} 6"#,
            #"stylify_latency_seconds_sum{route="/x"} 2.345"#,
            #"stylify_latency_seconds_count{route="/x"} 6"#,
        ])
    }

    func testEncodedTextParsesBackToTheSameFamilies() throws {
        let parsed = try PrometheusTextParser.parse(PrometheusText.encode(families))
        XCTAssertEqual(parsed, families)
    }

    func testSpecialValuesRoundTrip() throws {
        let special = [MetricFamily(name: "x", help: "h", kind: .gauge, samples: [
            MetricSample(labels: [("v", "inf")], .infinity), MetricSample(labels: [("v", "neg")], -.infinity),
            MetricSample(labels: [("v", "small")], 1e-9), MetricSample(labels: [("v", "big")], 1.5e300),
        ])]
        let text = PrometheusText.encode(special)
        XCTAssertTrue(text.contains(#"x{v="inf"} +Inf"#))
        XCTAssertTrue(text.contains(#"x{v="neg"} -Inf"#))
        XCTAssertEqual(try PrometheusTextParser.parse(text), special)
        let nan = try PrometheusTextParser.parse(PrometheusText.encode([MetricFamily(name: "n", help: "", kind: .gauge, samples: [MetricSample(.nan)])]))
        XCTAssertTrue(try XCTUnwrap(nan.first?.samples.first?.number).isNaN)
    }

    func testParserReadsForeignButValidText() throws {
        let text = """
            # a comment
            # TYPE up gauge
            up{job="a",} 1 1700000000000

            untyped_thing 3
            """
        let parsed = try PrometheusTextParser.parse(text)
        XCTAssertEqual(parsed.map(\.name), ["up", "untyped_thing"])
        XCTAssertEqual(parsed[0].sample(["job": "a"])?.number, 1)
        XCTAssertEqual(parsed[1].samples.first?.number, 3)
    }

    func testMalformedTextIsATypedErrorNamingTheLine() {
        let cases: [(String, Int)] = [
            ("# TYPE a counter\na{x=\"1\" 1", 2),          // unterminated label set
            ("a{x=1} 1", 1),                               // unquoted label value
            ("a 1 2 3", 1),                                // too many fields
            ("a one", 1),                                  // not a number
            ("a{x=\"\\q\"} 1", 1),                         // unknown escape
            ("a{x=\"1\",x=\"2\"} 1", 1),                   // repeated label
            ("# TYPE a summary\na 1", 1),                  // unsupported type
            ("ok 1\n{x=\"1\"} 1", 2),                      // no name
        ]
        for (text, line) in cases {
            XCTAssertThrowsError(try PrometheusTextParser.parse(text), text) { error in
                XCTAssertEqual((error as? PrometheusTextParser.Failure)?.line, line, "\(text): \(error)")
            }
        }
    }

    func testInconsistentHistogramsAreRefused() {
        let noInf = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1"
        let decreasing = "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\nh_bucket{le=\"+Inf\"} 5\nh_count 5"
        let wrongCount = "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 5\nh_count 4"
        let negative = "# TYPE h histogram\nh_bucket{le=\"+Inf\"} -1\nh_count -1"
        let noLe = "# TYPE h histogram\nh_bucket 1"
        for text in [noInf, decreasing, wrongCount, negative, noLe] {
            XCTAssertThrowsError(try PrometheusTextParser.parse(text), text) { error in
                XCTAssertTrue(error is PrometheusTextParser.Failure, "\(error)")
            }
        }
    }

    func testQuantilesInterpolateInsideTheBucketLikeHistogramQuantile() throws {
        // 3 in (0, 0.01], 0 in (0.01, 0.1], 2 in (0.1, 1], 1 above 1.
        XCTAssertEqual(try XCTUnwrap(latency.quantile(0.5)), 0.01, accuracy: 1e-12)       // rank 3: top of the first bucket
        XCTAssertEqual(try XCTUnwrap(latency.quantile(0.25)), 0.005, accuracy: 1e-12)     // rank 1.5: half-way into it
        XCTAssertEqual(try XCTUnwrap(latency.quantile(2.0 / 3)), 0.55, accuracy: 1e-12)   // rank 4: half-way into (0.1, 1]
        XCTAssertEqual(latency.quantile(0.99), 1, "in the +Inf bucket: the highest finite bound")
        XCTAssertNil(HistogramSnapshot(upperBounds: [1], perBucket: [0, 0], sum: 0).quantile(0.5))
        XCTAssertNil(latency.quantile(1.5))
    }
}
