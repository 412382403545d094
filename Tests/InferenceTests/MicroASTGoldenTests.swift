import Foundation
import Inference
import TestSupport
import XCTest

/// MicroAST against the reference outputs in ../shared/golden (independent numpy implementation,
/// cross-checked against ONNX Runtime).
final class MicroASTGoldenTests: XCTestCase {
    private static let codeKeys = ["mean0", "std0", "mean1", "std1", "w0", "w1", "b0", "b1"]

    func testStyleCodeMatchesReference() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        for name in ["microast-cornell-matisse-256.safetensors", "microast-chicago-lamuse-odd.safetensors"] {
            let golden = try GoldenFile(name)
            let code = try model.encodeStyle(golden.image("style"))
            XCTAssertEqual(code.model, .microast)
            for (index, key) in Self.codeKeys.enumerated() {
                let expected = try golden.tensor("style_" + key).values
                let actual = Array(code.values[(index * 64)..<((index + 1) * 64)])
                XCTAssertLessThan(relativeDifference(actual, expected), 1e-4, "\(name) \(key)")
            }
        }
    }

    func testContentFeaturesMatchReference() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        for name in ["microast-cornell-matisse-256.safetensors", "microast-chicago-lamuse-odd.safetensors"] {
            let golden = try GoldenFile(name)
            let features = try model.contentFeatures(golden.image("content"))
            for index in 0..<2 {
                let expected = try golden.tensor("content_feat\(index)")
                XCTAssertEqual([features[index].channels, features[index].height, features[index].width], expected.shape)
                XCTAssertLessThan(maxAbsDifference(features[index].values, expected.values), 2e-3, "\(name) feat\(index)")
            }
        }
    }

    func testStylizedOutputMatchesReferenceAtFullAndPartialStrength() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        try assertOutputsMatch(model, file: "microast-cornell-matisse-256.safetensors", strengths: [1.0, 0.6])
    }

    func testOddSizedContentKeepsItsSizeAndMatchesReference() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        try assertOutputsMatch(model, file: "microast-chicago-lamuse-odd.safetensors", strengths: [1.0])
    }

    func testBandedExecutionGivesTheSameResultAsWholeMaps() throws {
        // A tiny band budget forces every row-local chain through the band/halo machinery.
        let banded = try MicroAST(directory: TestModels.microastDirectory, context: ComputeContext(bandBudgetBytes: 16 << 10))
        try assertOutputsMatch(banded, file: "microast-cornell-matisse-256.safetensors", strengths: [1.0])
        try assertOutputsMatch(banded, file: "microast-chicago-lamuse-odd.safetensors", strengths: [1.0])
    }

    func testSingleThreadGivesTheSameResult() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory, context: ComputeContext(threads: 1))
        try assertOutputsMatch(model, file: "microast-chicago-lamuse-odd.safetensors", strengths: [1.0])
    }

    func testCachedStyleCodeGivesTheSameResultAfterSerialization() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let golden = try GoldenFile("microast-chicago-lamuse-odd.safetensors")
        let code = try model.encodeStyle(golden.image("style"))
        let restored = try StyleCode(serialized: code.serialized())
        XCTAssertEqual(restored, code)
        let content = try golden.image("content")
        let direct = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions())
        let cached = try model.stylize(content: content, styles: [WeightedStyle(code: restored)], options: StylizeOptions())
        XCTAssertEqual(direct, cached)
    }

    private func assertOutputsMatch(_ model: MicroAST, file name: String, strengths: [Float],
                                    line: UInt = #line) throws {
        let golden = try GoldenFile(name)
        let content = try golden.image("content")
        let code = try model.encodeStyle(golden.image("style"))
        for strength in strengths {
            let key = String(format: "output_alpha_%.2f", strength).replacingOccurrences(of: ".", with: "_")
            let expected = try golden.tensor(key)
            let output = try model.stylize(content: content, styles: [WeightedStyle(code: code)],
                                           options: StylizeOptions(strength: strength))
            XCTAssertEqual(output.width, content.width, line: line)
            XCTAssertEqual(output.height, content.height, line: line)
            let reference = topLeft(expected, width: content.width, height: content.height)
            XCTAssertLessThan(maxAbsDifference(output.planes, reference), 2e-3, "\(name) \(key)", line: line)
        }
    }
}
