import Foundation
import Inference
import XCTest

/// Layouts and element types the published fixtures do not contain, in both containers.
final class PyTorchTensorLayoutTests: XCTestCase {
    private typealias Writer = PyTorchTestCheckpointWriter

    func testNonContiguousStridesAreGatheredInRowMajorOrder() throws {
        // A 3x2 tensor that is the transpose of the 2x3 storage [0 1 2; 3 4 5].
        let writer = Writer(storages: [.float32("s", [0, 1, 2, 3, 4, 5])],
                            tensors: [.init(name: "t", storage: "s", shape: [3, 2], strides: [1, 3])])
        for checkpoint in try bothContainers(writer) {
            XCTAssertEqual(checkpoint.tensors["t"], WeightTensor(shape: [3, 2], values: [0, 3, 1, 4, 2, 5]))
        }
    }

    func testStorageOffsetsOfTensorsSharingOneStorageAreHonoured() throws {
        let writer = Writer(storages: [.float32("s", [10, 11, 12, 13, 14, 15, 16])],
                            tensors: [.init(name: "head", storage: "s", offset: 0, shape: [2], strides: [1]),
                                      .init(name: "tail", storage: "s", offset: 3, shape: [2, 2], strides: [2, 1]),
                                      .init(name: "scalar", storage: "s", offset: 6, shape: [], strides: [])])
        for checkpoint in try bothContainers(writer) {
            XCTAssertEqual(checkpoint.tensors["head"], WeightTensor(shape: [2], values: [10, 11]))
            XCTAssertEqual(checkpoint.tensors["tail"], WeightTensor(shape: [2, 2], values: [13, 14, 15, 16]))
            XCTAssertEqual(checkpoint.tensors["scalar"], WeightTensor(shape: [], values: [16]))
            XCTAssertEqual(checkpoint.names, ["head", "tail", "scalar"])
        }
    }

    func testLegacyStorageViewsOffsetIntoTheirRootStorage() throws {
        // Pre-1.0 streams describe slices of a storage as views: (view_key, offset, size).
        let writer = Writer(storages: [.float32("s", [0, 1, 2, 3, 4, 5, 6, 7])],
                            tensors: [.init(name: "v", storage: "s", offset: 1, shape: [2], strides: [1], view: (4, 4))])
        let checkpoint = try PyTorchCheckpoint.read(Data(writer.legacy()), name: "view.pth")
        XCTAssertEqual(checkpoint.tensors["v"], WeightTensor(shape: [2], values: [5, 6]))

        let beyond = Writer(storages: [.float32("s", [0, 1, 2, 3, 4, 5, 6, 7])],
                            tensors: [.init(name: "v", storage: "s", offset: 3, shape: [2], strides: [1], view: (4, 4))])
        XCTAssertThrowsError(try PyTorchCheckpoint.read(Data(beyond.legacy()), name: "view.pth")) { error in
            guard case .badTensorLayout(tensor: "v", _)? = (error as? PyTorchImportError)?.reason else { return XCTFail("\(error)") }
        }
    }

    func testHalfBFloat16AndDoubleAreConvertedToFloat32Exactly() throws {
        let halves: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555]
        let expectedHalves: [Float] = [1, -2, 65504, 0x1p-24, -0.0, .infinity, 0.333251953125]
        let brains: [UInt16] = [0x3F80, 0xC0A0]
        let doubles: [Double] = [0.1, -1e300, 3]
        let writer = Writer(
            storages: [.init(key: "h", storageClass: "HalfStorage", count: halves.count, bytes: halves.flatMap(Writer.littleEndian)),
                       .init(key: "b", storageClass: "BFloat16Storage", count: brains.count, bytes: brains.flatMap(Writer.littleEndian)),
                       .init(key: "d", storageClass: "DoubleStorage", count: doubles.count,
                             bytes: doubles.flatMap { Writer.littleEndian($0.bitPattern) })],
            tensors: [.init(name: "half", storage: "h", shape: [halves.count], strides: [1]),
                      .init(name: "brain", storage: "b", shape: [2], strides: [1]),
                      .init(name: "double", storage: "d", shape: [3], strides: [1])])
        for checkpoint in try bothContainers(writer) {
            XCTAssertEqual(checkpoint.tensors["half"]?.values.map(\.bitPattern), expectedHalves.map(\.bitPattern))
            XCTAssertEqual(checkpoint.tensors["brain"]?.values, [1, -5])
            XCTAssertEqual(checkpoint.tensors["double"]?.values, [Float(0.1), -.infinity, 3])
            XCTAssertEqual(checkpoint.sourceDTypes, ["half": "float16", "brain": "bfloat16", "double": "float64"])
        }
    }

    func testStateDictNestedUnderOneKeyIsUnwrappedWithItsOwnNames() throws {
        var writer = Writer(storages: [.float32("s", [1, 2])], tensors: [.init(name: "conv.bias", storage: "s", shape: [2], strides: [1])])
        writer.wrapper = "state_dict"
        for checkpoint in try bothContainers(writer) {
            XCTAssertEqual(checkpoint.names, ["conv.bias"])
            XCTAssertEqual(checkpoint.location, "state_dict")
        }
    }

    func testSeveralNestedStateDictsAreFlattenedWithDottedPrefixes() throws {
        // {"encoder": {"w": t}, "decoder": {"w": t}, "step": 3}, built opcode by opcode.
        var pickle = Writer.Pickle()
        pickle.bytes += [0x80, 0x02, 0x7D, 0x28]
        for part in ["encoder", "decoder"] {
            pickle.string(part)
            pickle.bytes += [0x7D, 0x28]
            pickle.string("w")
            pickle.global("torch._utils", "_rebuild_tensor_v2")
            pickle.bytes += [0x28, 0x28]
            pickle.string("storage"); pickle.global("torch", "FloatStorage"); pickle.string("s"); pickle.string("cpu"); pickle.int(2)
            pickle.bytes += [0x74, 0x51]
            pickle.int(part == "encoder" ? 0 : 1); pickle.tuple([1]); pickle.tuple([1])
            pickle.bytes += [0x89, 0x4E, 0x74, 0x52, 0x75]
        }
        pickle.string("step"); pickle.int(3)
        pickle.bytes += [0x75, 0x2E]
        let zip = Writer.storedZip([("archive/data.pkl", pickle.bytes), ("archive/data/s", Writer.Storage.float32("s", [5, 6]).bytes)])
        let checkpoint = try PyTorchCheckpoint.read(Data(zip), name: "nested.pt")
        XCTAssertEqual(checkpoint.names, ["encoder.w", "decoder.w"])
        XCTAssertNil(checkpoint.location)
        XCTAssertEqual(checkpoint.tensors["decoder.w"]?.values, [6])
    }

    func testDeflatedZipEntriesWrittenByCPythonAreInflated() throws {
        let checkpoint = try PyTorchCheckpoint.read(PyTorchDeflatedCheckpointFixture.data, name: "deflated.pth")
        XCTAssertEqual(checkpoint.format, .zip)
        XCTAssertEqual(checkpoint.location, "state_dict")
        XCTAssertEqual(checkpoint.names, ["conv.weight", "conv.bias"])
        XCTAssertEqual(checkpoint.tensors["conv.weight"]?.shape, [4, 4, 4, 4])
        XCTAssertEqual(checkpoint.tensors["conv.weight"]?.values, (0..<256).map { Float($0 % 7) - 3 })
        XCTAssertEqual(checkpoint.tensors["conv.bias"]?.values, [0.5, -0.25, 1e-3])
    }

    func testTorch2StyleCheckpointWithOptimizerStateYieldsTheModelStateDict() throws {
        let checkpoint = try PyTorchCheckpoint.read(PyTorchTorch2StyleCheckpointFixture.data, name: "ckpt.pt")
        XCTAssertEqual(checkpoint.format, .zip)
        XCTAssertEqual(checkpoint.location, "model", "optimizer state (keyed by integers) is not a state dict")
        XCTAssertEqual(checkpoint.names, ["conv.weight", "conv.weight_t", "conv.bias", "norm.scale"])
        XCTAssertEqual(checkpoint.tensors["conv.weight"], WeightTensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5]))
        XCTAssertEqual(checkpoint.tensors["conv.weight_t"], WeightTensor(shape: [3, 2], values: [0, 3, 1, 4, 2, 5]))
        XCTAssertEqual(checkpoint.tensors["conv.bias"], WeightTensor(shape: [2], values: [4, 5]))
        XCTAssertEqual(checkpoint.tensors["norm.scale"], WeightTensor(shape: [3], values: [1, -2, 0.5]))
        XCTAssertEqual(checkpoint.sourceDTypes["norm.scale"], "float16")
    }

    /// The writer's checkpoint read from the legacy stream and from the zip archive; both must agree.
    private func bothContainers(_ writer: Writer, file: StaticString = #filePath, line: UInt = #line) throws -> [PyTorchStateDict] {
        let legacy = try PyTorchCheckpoint.read(Data(writer.legacy()), name: "legacy.pth")
        let zip = try PyTorchCheckpoint.read(Data(writer.zip()), name: "zip.pth")
        XCTAssertEqual(legacy.format, .legacy, file: file, line: line)
        XCTAssertEqual(zip.format, .zip, file: file, line: line)
        return [legacy, zip]
    }
}
