import Foundation
import Inference
import TestSupport
import XCTest

/// The import pipeline behind `stylify models import`: checkpoint → named, trimmed model →
/// safetensors bytes, checked against the reference conversions in ../shared/models.
final class PyTorchModelFamilyTests: XCTestCase {
    private let adain = Fixtures.models.appendingPathComponent("adain-synthetic")
    private let microast = Fixtures.models.appendingPathComponent("microast")

    func testAdaINImportWritesTheFilesTheLoaderExpectsBitForBit() throws {
        let cases = [("vgg_normalised.pth", "adain-vgg19-relu4_1.safetensors"), ("decoder.pth", "adain-decoder.safetensors")]
        for (source, expectedName) in cases {
            let stateDict = try PyTorchCheckpoint.read(contentsOf: adain.appendingPathComponent(source))
            let model = try PyTorchModelFamily.adain.model(from: stateDict, sourceFile: source)
            XCTAssertEqual(model.fileName, expectedName)
            let written = try PyTorchTestSafetensors(ModelsExport.bytes(model))
            let reference = try PyTorchTestSafetensors(contentsOf: adain.appendingPathComponent(expectedName))
            assertSameTensors(written.tensors, reference.tensors, source)
            XCTAssertEqual(written.metadata["source"], source)
        }
    }

    func testAdaINEncoderIsCutAfterRelu41() throws {
        // The published vgg_normalised.pth holds all of VGG-19; modules after 29 must be dropped.
        var tensors: [String: WeightTensor] = ["0.weight": WeightTensor(shape: [3, 3, 1, 1], values: Array(repeating: 1, count: 9))]
        for index in [0, 2, 29, 30, 31, 52] { tensors["\(index).bias"] = WeightTensor(shape: [1], values: [Float(index)]) }
        let stateDict = PyTorchStateDict(format: .legacy, names: tensors.keys.sorted(), tensors: tensors, location: nil, sourceDTypes: [:])
        let model = try PyTorchModelFamily.adain.model(from: stateDict, sourceFile: "vgg_normalised.pth")
        XCTAssertEqual(Set(model.tensors.keys), ["0.weight", "0.bias", "2.bias", "29.bias"])
    }

    func testMicroASTImportNamesEachPartLikeTheReferenceFiles() throws {
        for part in ["content_encoder", "style_encoder", "decoder", "modulator"] {
            let source = "\(part)_iter_160000.pth.tar"
            let stateDict = try PyTorchCheckpoint.read(contentsOf: microast.appendingPathComponent("original/\(source)"))
            let model = try PyTorchModelFamily.microast.model(from: stateDict, sourceFile: source)
            let expectedName = "microast-\(part.replacingOccurrences(of: "_", with: "-")).safetensors"
            XCTAssertEqual(model.fileName, expectedName)
            let written = try PyTorchTestSafetensors(ModelsExport.bytes(model))
            let reference = try PyTorchTestSafetensors(contentsOf: microast.appendingPathComponent(expectedName))
            assertSameTensors(written.tensors, reference.tensors, part)
            XCTAssertEqual(written.metadata["part"], reference.metadata["part"])
        }
    }

    func testCheckpointOfAnotherModelIsRefusedWhenNamedAsAdaIN() throws {
        let source = "modulator_iter_160000.pth.tar"
        let stateDict = try PyTorchCheckpoint.read(contentsOf: microast.appendingPathComponent("original/\(source)"))
        XCTAssertThrowsError(try PyTorchModelFamily.adain.model(from: stateDict, sourceFile: source)) { error in
            guard case .notTheExpectedModel? = (error as? PyTorchImportError)?.reason else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? PyTorchImportError)?.file, source)
        }
        XCTAssertThrowsError(try PyTorchModelFamily.microast.model(from: stateDict, sourceFile: "weights.pth"))
    }

    func testPlainNamesDropCheckpointExtensions() {
        XCTAssertEqual(PyTorchModelFamily.plainFileName(for: "decoder.pth"), "decoder.safetensors")
        XCTAssertEqual(PyTorchModelFamily.plainFileName(for: "decoder_iter_160000.pth.tar"), "decoder_iter_160000.safetensors")
        XCTAssertEqual(PyTorchModelFamily.plainFileName(for: "model.pt"), "model.safetensors")
        XCTAssertEqual(PyTorchModelFamily.plainFileName(for: "weights"), "weights.safetensors")
    }

    func testExportHeaderIsPaddedSortedAndEscaped() throws {
        let tensors = ["b": WeightTensor(shape: [2], values: [1, -0.0]), "a \"quoted\"\n": WeightTensor(shape: [], values: [.nan])]
        let bytes = try SafetensorsWriter.data(tensors: tensors, metadata: ["source": "x\\y.pth"])
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(bytes.count, 8 + headerLength + 12)
        let read = try PyTorchTestSafetensors(bytes)
        XCTAssertEqual(read.metadata, ["source": "x\\y.pth"])
        XCTAssertEqual(read.tensors["b"]?.values.map(\.bitPattern), [Float(1).bitPattern, Float(-0.0).bitPattern])
        XCTAssertEqual(read.tensors["a \"quoted\"\n"]?.values.first?.bitPattern, Float.nan.bitPattern)
    }

    private func assertSameTensors(_ actual: [String: WeightTensor], _ expected: [String: WeightTensor], _ label: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(actual.keys), Set(expected.keys), label, file: file, line: line)
        for (key, tensor) in expected {
            XCTAssertEqual(actual[key]?.shape, tensor.shape, "\(label) \(key)", file: file, line: line)
            XCTAssertTrue(actual[key]?.values.map(\.bitPattern) == tensor.values.map(\.bitPattern), "\(label) \(key)", file: file, line: line)
        }
    }
}

/// The same call `stylify models import` makes to serialise a model.
private enum ModelsExport {
    static func bytes(_ model: PyTorchImportedModel) throws -> Data {
        try SafetensorsWriter.data(tensors: model.tensors, metadata: Dictionary(model.metadata, uniquingKeysWith: { _, last in last }))
    }
}
