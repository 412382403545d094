import Foundation
import Inference
import TestSupport
import XCTest

/// The importer against the published checkpoints in ../shared/models: every tensor must equal
/// the reference safetensors conversion bit for bit.
final class PyTorchCheckpointTests: XCTestCase {
    private let adain = Fixtures.models.appendingPathComponent("adain-synthetic")
    private let microast = Fixtures.models.appendingPathComponent("microast")

    func testAdaINVGGLegacyCheckpointMatchesSafetensorsBitForBit() throws {
        let imported = try PyTorchCheckpoint.read(contentsOf: adain.appendingPathComponent("vgg_normalised.pth"))
        let reference = try PyTorchTestSafetensors(contentsOf: adain.appendingPathComponent("adain-vgg19-relu4_1.safetensors"))
        XCTAssertEqual(imported.format, .legacy)
        XCTAssertNil(imported.location)
        // The reference is cut at relu4_1; the .pth may hold more of VGG-19, so compare the common keys.
        let common = Set(imported.tensors.keys).intersection(reference.tensors.keys)
        XCTAssertEqual(common, Set(reference.tensors.keys), "every reference tensor is in the checkpoint")
        assertBitIdentical(imported.tensors, reference.tensors, keys: common)
        XCTAssertEqual(imported.names.first, "0.weight", "names keep the checkpoint's order")
    }

    func testAdaINDecoderLegacyCheckpointMatchesSafetensorsBitForBit() throws {
        let imported = try PyTorchCheckpoint.load(contentsOf: adain.appendingPathComponent("decoder.pth"))
        let reference = try PyTorchTestSafetensors(contentsOf: adain.appendingPathComponent("adain-decoder.safetensors"))
        XCTAssertEqual(Set(imported.keys), Set(reference.tensors.keys))
        assertBitIdentical(imported, reference.tensors, keys: Set(reference.tensors.keys))
    }

    func testMicroASTCheckpointsMatchSafetensorsBitForBit() throws {
        for part in ["content_encoder", "style_encoder", "decoder", "modulator"] {
            let source = microast.appendingPathComponent("original/\(part)_iter_160000.pth.tar")
            let reference = try PyTorchTestSafetensors(
                contentsOf: microast.appendingPathComponent("microast-\(part.replacingOccurrences(of: "_", with: "-")).safetensors"))
            XCTAssertEqual(reference.metadata["part"], part, "reference file is the conversion of this part")
            let imported = try PyTorchCheckpoint.read(contentsOf: source)
            XCTAssertEqual(imported.format, .legacy, part)
            XCTAssertEqual(Set(imported.tensors.keys), Set(reference.tensors.keys), part)
            XCTAssertEqual(Set(imported.sourceDTypes.values), ["float32"], part)
            assertBitIdentical(imported.tensors, reference.tensors, keys: Set(reference.tensors.keys))
        }
    }

    func testZipCheckpointOfRealWeightsMatchesLegacyCheckpoint() throws {
        // The same decoder weights re-packed in torch's zip container must import identically.
        let legacy = try PyTorchCheckpoint.read(contentsOf: adain.appendingPathComponent("decoder.pth"))
        var writer = PyTorchTestCheckpointWriter(storages: [], tensors: [])
        for (index, name) in legacy.names.enumerated() {
            let tensor = legacy.tensors[name]!
            writer.storages.append(.float32("\(index)", tensor.values))
            writer.tensors.append(.init(name: name, storage: "\(index)", shape: tensor.shape, strides: Self.rowMajorStrides(tensor.shape)))
        }
        let zipped = try PyTorchCheckpoint.read(Data(writer.zip()), name: "decoder.pt")
        XCTAssertEqual(zipped.format, .zip)
        XCTAssertEqual(zipped.names, legacy.names)
        assertBitIdentical(zipped.tensors, legacy.tensors, keys: Set(legacy.names))
    }

    private static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        return strides
    }

    private func assertBitIdentical(_ actual: [String: WeightTensor], _ expected: [String: WeightTensor], keys: Set<String>,
                                    file: StaticString = #filePath, line: UInt = #line) {
        for key in keys.sorted() {
            guard let left = actual[key], let right = expected[key] else {
                XCTFail("\(key) missing", file: file, line: line)
                continue
            }
            XCTAssertEqual(left.shape, right.shape, key, file: file, line: line)
            XCTAssertTrue(left.values.map(\.bitPattern) == right.values.map(\.bitPattern), "\(key) differs", file: file, line: line)
        }
    }
}
