import Foundation
import Inference
import TestSupport
import XCTest

/// Every class of bad input gets a typed error and leaves the model usable.
final class BadInputTests: XCTestCase {
    private func microast() throws -> MicroAST { try MicroAST(directory: TestModels.microastDirectory) }

    private func image(width: Int, height: Int, seed: UInt64 = 1) -> FloatImage {
        var state = seed
        let planes = (0..<(3 * width * height)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        return FloatImage(width: width, height: height, planes: planes)
    }

    func testContentSmallerThanSixteenPixelsIsRejected() throws {
        let model = try microast()
        let code = try model.encodeStyle(image(width: 32, height: 32))
        XCTAssertThrowsError(try model.stylize(content: image(width: 15, height: 64), styles: [WeightedStyle(code: code)],
                                               options: StylizeOptions())) { error in
            XCTAssertEqual(error as? InferenceError, .imageTooSmall(role: "content", width: 15, height: 64, minimumSide: 16))
        }
        // The smallest allowed size works and keeps its size.
        let output = try model.stylize(content: image(width: 16, height: 17), styles: [WeightedStyle(code: code)], options: StylizeOptions())
        XCTAssertEqual([output.width, output.height], [16, 17])
    }

    func testSmallestAndOddShapesKeepTheirSizeInBothModels() throws {
        for model in [try microast() as any StyleTransferModel, try AdaIN(directory: TestModels.adainDirectory)] {
            let code = try model.encodeStyle(image(width: 16, height: 16))
            for (width, height) in [(16, 16), (17, 23), (301, 16)] {
                let output = try model.stylize(content: image(width: width, height: height), styles: [WeightedStyle(code: code)],
                                               options: StylizeOptions())
                XCTAssertEqual([output.width, output.height], [width, height], "\(model.kind) \(width)x\(height)")
                XCTAssertTrue(output.planes.allSatisfy { $0.isFinite }, "\(model.kind) \(width)x\(height)")
            }
        }
    }

    func testStyleSmallerThanSixteenPixelsIsRejected() throws {
        for model in [try microast() as any StyleTransferModel, try AdaIN(directory: TestModels.adainDirectory)] {
            XCTAssertThrowsError(try model.encodeStyle(image(width: 64, height: 8))) { error in
                XCTAssertEqual(error as? InferenceError, .imageTooSmall(role: "style", width: 64, height: 8, minimumSide: 16))
            }
        }
    }

    func testImageWhosePlanesDoNotMatchItsSizeIsRejected() throws {
        let broken = FloatImage(width: 32, height: 32, planes: [Float](repeating: 0.5, count: 32 * 32))
        XCTAssertThrowsError(try microast().encodeStyle(broken)) { error in
            guard case .malformedImage(role: "style", _) = error as? InferenceError else { return XCTFail("\(error)") }
        }
    }

    func testStrengthOutsideZeroToOneIsRejected() throws {
        let model = try microast()
        let code = try model.encodeStyle(image(width: 32, height: 32))
        for strength in [Float(-0.1), 1.01, .nan, .infinity] {
            XCTAssertThrowsError(try model.stylize(content: image(width: 32, height: 32), styles: [WeightedStyle(code: code)],
                                                   options: StylizeOptions(strength: strength))) { error in
                guard case .invalidStrength = error as? InferenceError else { return XCTFail("\(error)") }
            }
        }
    }

    func testStyleCodeOfAnotherModelIsRejected() throws {
        let adain = try AdaIN(directory: TestModels.adainDirectory)
        let adainCode = try adain.encodeStyle(image(width: 32, height: 32))
        XCTAssertThrowsError(try microast().stylize(content: image(width: 32, height: 32), styles: [WeightedStyle(code: adainCode)],
                                                    options: StylizeOptions())) { error in
            XCTAssertEqual(error as? InferenceError, .styleCodeModelMismatch(expected: .microast, got: .adain))
        }
        let wrongLength = StyleCode(model: .adain, values: [Float](repeating: 1, count: 10))
        XCTAssertThrowsError(try adain.stylize(content: image(width: 32, height: 32), styles: [WeightedStyle(code: wrongLength)],
                                               options: StylizeOptions())) { error in
            guard case .malformedStyleCode = error as? InferenceError else { return XCTFail("\(error)") }
        }
    }

    func testNegativeOrZeroStyleWeightsAreRejected() throws {
        let model = try microast()
        let code = try model.encodeStyle(image(width: 32, height: 32))
        let content = image(width: 32, height: 32)
        for styles in [[], [WeightedStyle(code: code, weight: 0)], [WeightedStyle(code: code, weight: -1), WeightedStyle(code: code, weight: 2)]] {
            XCTAssertThrowsError(try model.stylize(content: content, styles: styles, options: StylizeOptions())) { error in
                guard case .invalidStyleWeights = error as? InferenceError else { return XCTFail("\(error)") }
            }
        }
    }

    func testMissingModelFilesErrorListsEveryExpectedPath() throws {
        let directory = try Fixtures.temporaryDirectory("models")
        defer { try? FileManager.default.removeItem(at: directory) }
        let locator = ModelLocator(directory: directory)
        XCTAssertThrowsError(try locator.load(.microast)) { error in
            guard case let .missingModelFiles(model, paths) = error as? InferenceError else { return XCTFail("\(error)") }
            XCTAssertEqual(model, .microast)
            XCTAssertEqual(paths, ["content-encoder", "style-encoder", "modulator", "decoder"].map {
                directory.appendingPathComponent("microast/microast-\($0).safetensors").path
            })
            XCTAssertTrue("\(error)".contains(directory.appendingPathComponent("microast/microast-decoder.safetensors").path))
        }
        XCTAssertThrowsError(try locator.load(.adain)) { error in
            guard case let .missingModelFiles(_, paths) = error as? InferenceError else { return XCTFail("\(error)") }
            XCTAssertEqual(paths.map { URL(fileURLWithPath: $0).lastPathComponent },
                           ["adain-vgg19-relu4_1.safetensors", "adain-decoder.safetensors"])
        }
    }

    func testWeightsFileMissingATensorIsRejectedByName() throws {
        let directory = try Fixtures.temporaryDirectory("models")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("adain")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var vgg = try SafetensorsFile(contentsOf: TestModels.adainDirectory.appendingPathComponent("adain-vgg19-relu4_1.safetensors")).tensors
        vgg["29.weight"] = nil
        try SafetensorsWriter.write(tensors: vgg, to: folder.appendingPathComponent("adain-vgg19-relu4_1.safetensors"))
        try FileManager.default.copyItem(at: TestModels.adainDirectory.appendingPathComponent("adain-decoder.safetensors"),
                                         to: folder.appendingPathComponent("adain-decoder.safetensors"))
        XCTAssertThrowsError(try ModelLocator(directory: directory).load(.adain)) { error in
            guard case let .invalidWeights(file, detail) = error as? InferenceError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("adain-vgg19-relu4_1.safetensors"))
            XCTAssertTrue(detail.contains("29.weight"), detail)
        }
    }

    func testCorruptWeightsFileIsReportedAsUnreadable() throws {
        let directory = try Fixtures.temporaryDirectory("models")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("microast")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for url in MicroAST.files(in: TestModels.microastDirectory) {
            var data = try Data(contentsOf: url)
            if url.lastPathComponent.contains("modulator") { data = data.prefix(data.count / 2) }
            try data.write(to: folder.appendingPathComponent(url.lastPathComponent))
        }
        XCTAssertThrowsError(try ModelLocator(directory: directory).load(.microast)) { error in
            guard case .unreadableWeights(.truncated) = error as? InferenceError else { return XCTFail("\(error)") }
        }
    }

    func testMalformedSerializedStyleCodeIsRejected() throws {
        let code = try microast().encodeStyle(image(width: 32, height: 32))
        let data = code.serialized()
        for broken in [Data(), Data("garbage".utf8), data.prefix(data.count - 1), data + Data([0])] {
            XCTAssertThrowsError(try StyleCode(serialized: broken)) { error in
                guard case .malformedStyleCode = error as? InferenceError else { return XCTFail("\(error)") }
            }
        }
        var otherModel = data
        otherModel.replaceSubrange(6..<14, with: Data("xxxxxxxx".utf8))
        XCTAssertThrowsError(try StyleCode(serialized: otherModel))
    }
}
