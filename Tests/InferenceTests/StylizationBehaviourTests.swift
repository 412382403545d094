import Foundation
import Inference
import TestSupport
import XCTest

final class StylizationBehaviourTests: XCTestCase {
    private func goldenInputs() throws -> (content: FloatImage, style: FloatImage, other: FloatImage) {
        let matisse = try GoldenFile("microast-cornell-matisse-256.safetensors")
        let lamuse = try GoldenFile("microast-chicago-lamuse-odd.safetensors")
        return (try lamuse.image("content"), try lamuse.image("style"), try matisse.image("style"))
    }

    func testPreserveColorKeepsContentChromaAndStylizedLuma() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let (content, style, _) = try goldenInputs()
        let code = try model.encodeStyle(style)
        let plain = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions())
        let kept = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions(preserveColor: true))
        let n = content.width * content.height
        func ycbcr(_ image: FloatImage, _ i: Int) -> (Float, Float, Float) {
            let (r, g, b) = (image.planes[i], image.planes[n + i], image.planes[2 * n + i])
            return (0.299 * r + 0.587 * g + 0.114 * b,
                    -0.168736 * r - 0.331264 * g + 0.5 * b,
                    0.5 * r - 0.418688 * g - 0.081312 * b)
        }
        var worst: Float = 0
        for i in stride(from: 0, to: n, by: 7) {
            let (y, cb, cr) = ycbcr(kept, i)
            let (yStyled, _, _) = ycbcr(plain, i)
            let (_, cbContent, crContent) = ycbcr(content, i)
            worst = max(worst, abs(y - yStyled), abs(cb - cbContent), abs(cr - crContent))
        }
        XCTAssertLessThan(worst, 1e-4)
        XCTAssertGreaterThan(maxAbsDifference(plain.planes, kept.planes), 0.05, "colour preservation changed nothing")
    }

    func testZeroStrengthDiffersFromFullStrengthAndMixedStylesLieBetween() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let (content, style, other) = try goldenInputs()
        let a = try model.encodeStyle(style)
        let b = try model.encodeStyle(other)
        let onlyA = try model.stylize(content: content, styles: [WeightedStyle(code: a)], options: StylizeOptions())
        let onlyB = try model.stylize(content: content, styles: [WeightedStyle(code: b)], options: StylizeOptions())
        // A weight-0 style contributes nothing.
        let aWithZeroB = try model.stylize(content: content, styles: [WeightedStyle(code: a, weight: 2), WeightedStyle(code: b, weight: 0)],
                                           options: StylizeOptions())
        XCTAssertLessThan(maxAbsDifference(onlyA.planes, aWithZeroB.planes), 1e-5)
        let mixed = try model.stylize(content: content, styles: [WeightedStyle(code: a), WeightedStyle(code: b)], options: StylizeOptions())
        let distanceAB = maxAbsDifference(onlyA.planes, onlyB.planes)
        XCTAssertGreaterThan(distanceAB, 0.1)
        XCTAssertLessThan(maxAbsDifference(mixed.planes, onlyA.planes), distanceAB)
        XCTAssertLessThan(maxAbsDifference(mixed.planes, onlyB.planes), distanceAB)
    }

    func testLocatorLoadsEachModelKind() throws {
        let directory = try Fixtures.temporaryDirectory("locator")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("microast"), withDestinationURL: TestModels.microastDirectory)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("adain"), withDestinationURL: TestModels.adainDirectory)
        let locator = ModelLocator(directory: directory)
        for kind in ModelKind.allCases {
            let model = try locator.load(kind)
            XCTAssertEqual(model.kind, kind)
            let (content, style, _) = try goldenInputs()
            let code = try model.encodeStyle(style)
            XCTAssertEqual(code.values.count, kind.styleCodeLength)
            let output = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions(strength: 0.5))
            XCTAssertEqual([output.width, output.height], [content.width, content.height])
            XCTAssertTrue(output.planes.allSatisfy { $0.isFinite })
        }
    }

    func testConcurrentStylizationsMatchSequentialOnes() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let (content, style, other) = try goldenInputs()
        let codes = [try model.encodeStyle(style), try model.encodeStyle(other)]
        let expected = try codes.map { try model.stylize(content: content, styles: [WeightedStyle(code: $0)], options: StylizeOptions()) }
        let results = ConcurrentResults(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results.set(index, Result { try model.stylize(content: content, styles: [WeightedStyle(code: codes[index % 2])], options: StylizeOptions()) })
        }
        for index in 0..<4 {
            XCTAssertEqual(try results.get(index).get(), expected[index % 2], "run \(index)")
        }
    }
}

/// Collects results written from concurrent workers.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<FloatImage, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<FloatImage, Error>) {
        lock.lock(); results[index] = result; lock.unlock()
    }

    func get(_ index: Int) -> Result<FloatImage, Error> {
        lock.lock(); defer { lock.unlock() }
        return results[index]!
    }
}
