import Foundation
import Inference
import TestSupport
import XCTest

final class SafetensorsTests: XCTestCase {
    private let sample: [String: WeightTensor] = [
        "conv.weight": WeightTensor(shape: [2, 1, 3, 3], values: (0..<18).map { Float($0) * 0.5 - 3 }),
        "conv.bias": WeightTensor(shape: [2], values: [1.5, -2.25]),
        "scalar": WeightTensor(shape: [], values: [42]),
        "empty": WeightTensor(shape: [0, 4], values: []),
    ]

    func testWrittenFileReadsBackIdentically() throws {
        let directory = try Fixtures.temporaryDirectory("safetensors")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("sample.safetensors")
        try SafetensorsWriter.write(tensors: sample, metadata: ["source": "test", "note": "héllo/\"quoted\""], to: url)
        let file = try SafetensorsFile(contentsOf: url)
        XCTAssertEqual(file.tensors, sample)
        XCTAssertEqual(file.metadata, ["source": "test", "note": "héllo/\"quoted\""])
    }

    func testWriterAlignsDataToEightBytesAndSortsKeys() throws {
        let data = try SafetensorsWriter.data(tensors: sample)
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        XCTAssertEqual((8 + Int(headerLength)) % 8, 0)
        let header = String(decoding: data[8..<(8 + Int(headerLength))], as: UTF8.self)
        let positions = ["conv.bias", "conv.weight", "empty", "scalar"].map { header.range(of: "\"\($0)\"")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testProjectModelFilesAreRead() throws {
        let file = try SafetensorsFile(contentsOf: TestModels.microastDirectory.appendingPathComponent("microast-decoder.safetensors"))
        XCTAssertEqual(file.tensors["dec3.10.conv_layer.weight"]?.shape, [3, 16, 9, 9])
        XCTAssertEqual(file.metadata["part"], "decoder")
    }

    func testTruncatedFileIsRejectedNamingTheTensor() throws {
        let data = try SafetensorsWriter.data(tensors: sample)
        XCTAssertThrowsError(try SafetensorsFile(data: data.prefix(data.count - 4), name: "cut.safetensors")) { error in
            guard case let .truncated(file, detail) = error as? SafetensorsError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "cut.safetensors")
            XCTAssertTrue(detail.contains("scalar"), detail)
        }
        XCTAssertThrowsError(try SafetensorsFile(data: data.prefix(5), name: "tiny")) { error in
            guard case .truncated = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SafetensorsFile(data: data.prefix(20), name: "header-cut")) { error in
            guard case .truncated = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    func testMalformedHeaderIsRejected() throws {
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: "{not json"), name: "bad")) { error in
            guard case .badHeader(file: "bad", _) = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: "[1, 2]"), name: "bad")) { error in
            guard case .badHeader = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
        var huge = Data()
        withUnsafeBytes(of: UInt64.max.littleEndian) { huge.append(contentsOf: $0) }
        XCTAssertThrowsError(try SafetensorsFile(data: huge, name: "huge")) { error in
            guard case .badHeader = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    func testOffsetsOutOfRangeAreRejected() throws {
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: header, dataBytes: 12), name: "short")) { error in
            guard case let .truncated(_, detail) = error as? SafetensorsError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("'v'"), detail)
        }
        let negative = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: negative, dataBytes: 8), name: "neg")) { error in
            guard case .badOffsets(_, tensor: "w", _) = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    func testOverlappingOrGappedOffsetsAreRejected() throws {
        let overlap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: overlap, dataBytes: 12), name: "f")) { error in
            guard case .badOffsets(_, tensor: "b", _) = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
        let trailing = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: trailing, dataBytes: 16), name: "f")) { error in
            guard case .badOffsets = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    func testShapeThatDisagreesWithByteCountIsRejected() throws {
        let header = #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: header, dataBytes: 8), name: "f")) { error in
            guard case .badShape(_, tensor: "w", _) = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    func testNonFloat32DTypeIsRejectedByName() throws {
        let header = #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: Self.file(header: header, dataBytes: 4), name: "half.safetensors")) { error in
            XCTAssertEqual(error as? SafetensorsError, .unsupportedDType(file: "half.safetensors", tensor: "w", dtype: "F16"))
            XCTAssertTrue("\(error)".contains("F16"))
        }
    }

    func testMissingFileIsReportedAsUnreadable() {
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: URL(fileURLWithPath: "/nonexistent/x.safetensors"))) { error in
            guard case .unreadable(file: "/nonexistent/x.safetensors", _) = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }

    private static func file(header: String, dataBytes: Int = 0) -> Data {
        let json = Data(header.utf8)
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(Data(count: dataBytes))
        return data
    }
}
