import Foundation
import Inference
import TestSupport
import XCTest

/// `shouldStop` ends a stylization with `InferenceError.canceled` wherever it answers true: in
/// the first layers, between row bands, inside a Winograd convolution, in the decoder; at sizes
/// that run whole (small) and banded (large), for both models. Stopping must never trip a
/// shape check on the way out.
final class CancellationTests: XCTestCase {
    /// A `shouldStop` that answers true from its `after`-th question on, and counts them.
    private final class StopAfter: @unchecked Sendable {
        private let lock = NSLock()
        private var asked = 0
        let after: Int

        init(after: Int) { self.after = after }

        var check: @Sendable () -> Bool {
            { [self] in lock.withLock { asked += 1; return asked >= after } }
        }

        var questions: Int { lock.withLock { asked } }
    }

    private func image(width: Int, height: Int) -> FloatImage {
        var random = SplitMix64(seed: UInt64(width * 31 + height))
        let planes = (0..<(3 * width * height)).map { _ in Float(random.next() % 256) / 255 }
        return FloatImage(width: width, height: height, planes: planes)
    }

    private func assertStopsEverywhere(_ model: any StyleTransferModel, width: Int, height: Int) throws {
        let code = try model.encodeStyle(image(width: 64, height: 64))
        let content = image(width: width, height: height)
        let styles = [WeightedStyle(code: code)]
        let counter = StopAfter(after: .max)
        _ = try model.stylize(content: content, styles: styles, options: StylizeOptions(), shouldStop: counter.check)
        let total = counter.questions
        XCTAssertGreaterThan(total, 3, "\(model.kind) \(width)x\(height) asks along the way")
        // Every question of a small run; for a large one every early question and a spread over the rest.
        let points = total <= 80 ? Set(1...total)
            : Set(Array(1...12) + stride(from: 1, through: total, by: max(1, total / 10)))
        for after in points.sorted() {
            let stop = StopAfter(after: after)
            XCTAssertThrowsError(
                try model.stylize(content: content, styles: styles, options: StylizeOptions(), shouldStop: stop.check),
                "\(model.kind) \(width)x\(height) stopped at question \(after) of \(total)"
            ) { error in
                XCTAssertEqual(error as? InferenceError, .canceled)
            }
        }
        XCTAssertNoThrow(try model.stylize(content: content, styles: styles, options: StylizeOptions(), shouldStop: { false }),
                         "a check that never fires changes nothing")
    }

    func testMicroASTStopsWithCanceledAtEveryPointForWholeAndBandedSizes() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        try assertStopsEverywhere(model, width: 160, height: 90)
        try assertStopsEverywhere(model, width: 640, height: 512)
    }

    func testAdaINStopsWithCanceled() throws {
        let model = try AdaIN(directory: TestModels.adainDirectory)
        try assertStopsEverywhere(model, width: 96, height: 64)
    }

    func testAStopCheckThatNeverFiresGivesTheSameImage() throws {
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let code = try model.encodeStyle(image(width: 64, height: 64))
        let content = image(width: 200, height: 120)
        let plain = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions())
        let checked = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions(),
                                        shouldStop: { false })
        XCTAssertEqual(plain.planes, checked.planes)
    }
}
