import Foundation
import Inference
import TestSupport
import XCTest

/// Every class of bad checkpoint is refused with a typed error naming the file, and never crashes
/// or runs anything.
final class PyTorchBadInputTests: XCTestCase {
    private typealias Writer = PyTorchTestCheckpointWriter
    private let decoder = Fixtures.models.appendingPathComponent("adain-synthetic/decoder.pth")

    func testZeroByteFileIsRejectedAsEmpty() throws {
        let directory = try Fixtures.temporaryDirectory("pytorch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("empty.pth")
        try Data().write(to: url)
        assertRejected(try PyTorchCheckpoint.load(contentsOf: url), file: "empty.pth") { $0 == .empty }
    }

    func testMissingFileIsReportedAsNotFound() {
        let url = Fixtures.models.appendingPathComponent("no-such-checkpoint.pth")
        assertRejected(try PyTorchCheckpoint.load(contentsOf: url), file: "no-such-checkpoint.pth") { $0 == .notFound }
    }

    func testGarbageBytesAreRejectedAsUnrecognized() {
        var generator = SplitMix64(seed: 42)
        let garbage = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) | 0x01 })
        assertRejected(try PyTorchCheckpoint.read(garbage, name: "garbage.bin"), file: "garbage.bin") {
            if case .unrecognizedFormat = $0 { return true } else { return false }
        }
        let tar = Data(repeating: 0, count: 257) + Data("ustar".utf8) + Data(repeating: 0, count: 250)
        assertRejected(try PyTorchCheckpoint.read(tar, name: "old.tar"), file: "old.tar") {
            if case .unrecognizedFormat(let detail) = $0 { return detail.contains("tar") } else { return false }
        }
    }

    func testTruncatedLegacyCheckpointIsRejectedAsTruncated() throws {
        let whole = try Data(contentsOf: decoder)
        // Inside the magic number, inside the state dict pickle, inside a storage, one byte short.
        for length in [5, 700, whole.count / 2, whole.count - 1] {
            assertRejected(try PyTorchCheckpoint.read(whole.prefix(length), name: "decoder.pth"), file: "decoder.pth") {
                if case .truncated = $0 { return true } else { return false }
            }
        }
    }

    func testTruncatedZipCheckpointIsRejectedAsTruncated() {
        let zip = Data(simpleWriter().zip())
        for length in [zip.count - 1, zip.count / 2, 10] {
            assertRejected(try PyTorchCheckpoint.read(zip.prefix(length), name: "cut.pt"), file: "cut.pt") {
                if case .truncated = $0 { return true } else { return false }
            }
        }
    }

    func testGlobalOsSystemIsRefusedWithoutExecuting() throws {
        let directory = try Fixtures.temporaryDirectory("pytorch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("pwned")
        var pickle = Writer.Pickle()
        pickle.bytes += [0x80, 0x02]
        pickle.global("os", "system")
        pickle.string("touch \(marker.path)")
        pickle.bytes += [0x85, 0x52, 0x2E]  // TUPLE1 REDUCE STOP
        var legacy = Array(Writer(storages: [], tensors: []).legacy().prefix(48))  // magic, version, sys_info
        legacy += pickle.bytes
        let zip = Writer.storedZip([("archive/data.pkl", pickle.bytes)])
        for (name, bytes) in [("evil.pth", legacy), ("evil.pt", zip)] {
            assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: name), file: name) {
                $0 == .disallowedGlobal(module: "os", name: "system")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path))
        let error = PyTorchImportError(file: "evil.pth", reason: .disallowedGlobal(module: "os", name: "system"))
        XCTAssertEqual(error.description, "evil.pth: refusing to load global os.system")
    }

    func testStackGlobalOfBuiltinsEvalIsRefused() {
        // Protocol 4 names globals from the stack; the allow-list applies there too.
        var pickle = Writer.Pickle()
        pickle.bytes += [0x80, 0x04]
        pickle.string("builtins")
        pickle.string("eval")
        pickle.bytes += [0x93]
        pickle.string("1+1")
        pickle.bytes += [0x85, 0x52, 0x2E]
        let zip = Writer.storedZip([("archive/data.pkl", pickle.bytes)])
        assertRejected(try PyTorchCheckpoint.read(Data(zip), name: "eval.pt"), file: "eval.pt") {
            $0 == .disallowedGlobal(module: "builtins", name: "eval")
        }
    }

    func testObjectBuildingOpcodesOutsideTheSubsetAreRefused() {
        // INST ("i"): protocol 0's class instantiation, never written by torch.save.
        let pickle: [UInt8] = [0x28] + Array("ios\nsystem\n".utf8) + [0x2E]
        let zip = Writer.storedZip([("archive/data.pkl", pickle)])
        assertRejected(try PyTorchCheckpoint.read(Data(zip), name: "inst.pt"), file: "inst.pt") {
            $0 == .unsupportedOpcode(opcode: 0x69, offset: 1)
        }
    }

    func testDeeplyNestedContainersAreRefusedBeforeTheyCanOverflowTheStack() {
        // A million nested 1-tuples (one byte each) and nested lists built via MARK/LIST/APPEND.
        let tuples: [UInt8] = [0x80, 0x02, 0x29] + Array(repeating: 0x85, count: 1_000_000) + [0x2E]
        var lists: [UInt8] = [0x80, 0x02]
        for _ in 0..<200_000 { lists += [0x5D, 0x28] }  // EMPTY_LIST MARK
        for _ in 0..<200_000 { lists += [0x65] }  // APPENDS: each list into its parent
        lists += [0x2E]
        for (name, pickle) in [("tuples.pt", tuples), ("lists.pt", lists)] {
            let zip = Writer.storedZip([("archive/data.pkl", pickle)])
            assertRejected(try PyTorchCheckpoint.read(Data(zip), name: name), file: name) {
                if case .malformedPickle(let detail) = $0 { return detail.contains("deeper") } else { return false }
            }
        }
    }

    func testContainerChangedAfterBeingNestedIsRefused() {
        // l = []; t = (l,); l.append(t): legal Python, never written by torch, and it would let
        // a pickle grow a container's depth after its parent's depth was recorded.
        let sequence: [UInt8] = [0x80, 0x02,
                                 0x5D, 0x71, 0x00,  // EMPTY_LIST, BINPUT 0
                                 0x85,  // TUPLE1: (l,)
                                 0x68, 0x00,  // BINGET 0: l
                                 0x32, 0x30,  // DUP, POP (exercise the stack ops)
                                 0x4E, 0x61,  // NONE, APPEND to l
                                 0x2E]
        let zip = Writer.storedZip([("archive/data.pkl", sequence)])
        assertRejected(try PyTorchCheckpoint.read(Data(zip), name: "mutate.pt"), file: "mutate.pt") {
            if case .malformedPickle(let detail) = $0 { return detail.contains("after it was nested") } else { return false }
        }
    }

    func testWrongMagicNumberIsRejected() {
        var bytes = simpleWriter().legacy()
        bytes[4] ^= 0xFF
        assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: "magic.pth"), file: "magic.pth") { $0 == .badMagic }
    }

    func testBigEndianCheckpointIsRefused() {
        var bytes = simpleWriter().legacy()
        let trueOpcode = bytes.indices.first { bytes[$0] == 0x88 }!  // sys_info's little_endian: True
        bytes[trueOpcode] = 0x89
        assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: "big.pth"), file: "big.pth") { $0 == .bigEndian }
    }

    func testStorageWhoseSizeDisagreesWithThePickleIsRejected() {
        // Legacy: the 8-byte element count before the storage's bytes says 5, the pickle says 4.
        var legacy = simpleWriter().legacy()
        legacy[legacy.count - 16 - 8] = 5
        assertRejected(try PyTorchCheckpoint.read(Data(legacy), name: "size.pth"), file: "size.pth") {
            if case .badStorage(key: "s", _) = $0 { return true } else { return false }
        }
        // Zip: the pickle declares 3 elements, the storage entry holds 4.
        var writer = simpleWriter()
        writer.storages[0].count = 3
        writer.tensors[0].shape = [3]
        writer.tensors[0].strides = [1]
        assertRejected(try PyTorchCheckpoint.read(Data(writer.zip()), name: "size.pt"), file: "size.pt") {
            if case .badStorage(key: "s", _) = $0 { return true } else { return false }
        }
    }

    func testTensorReachingPastItsStorageIsRefused() {
        let writer = Writer(storages: [.float32("s", [1, 2, 3, 4])],
                            tensors: [.init(name: "big", storage: "s", offset: 1, shape: [2, 2], strides: [2, 1])])
        let far = Writer(storages: [.float32("s", [1, 2, 3, 4])],
                         tensors: [.init(name: "big", storage: "s", offset: Int(Int32.max), shape: [1 << 30, 1 << 30],
                                         strides: [Int(Int32.max), Int(Int32.max)])])
        for (name, bytes) in [("reach.pth", writer.legacy()), ("reach.pt", writer.zip()), ("far.pt", far.zip())] {
            assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: name), file: name) {
                if case .badTensorLayout(tensor: "big", _) = $0 { return true } else { return false }
            }
        }
    }

    func testIntegerTensorIsRefusedNamingTheTensor() {
        let writer = Writer(storages: [.init(key: "n", storageClass: "LongStorage", count: 1, bytes: Writer.littleEndian(UInt64(7)))],
                            tensors: [.init(name: "bn.num_batches_tracked", storage: "n", shape: [], strides: [])])
        for (name, bytes) in [("int.pth", writer.legacy()), ("int.pt", writer.zip())] {
            assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: name), file: name) {
                $0 == .unsupportedDType(tensor: "bn.num_batches_tracked", dtype: "int64")
            }
        }
    }

    func testCorruptedZipEntryFailsItsChecksum() {
        var bytes = simpleWriter().zip()
        let payload = Writer.Storage.float32("s", [1, 2, 3, 4]).bytes
        let start = (0...(bytes.count - payload.count)).first { Array(bytes[$0..<$0 + payload.count]) == payload }!
        bytes[start + 5] ^= 0x10
        assertRejected(try PyTorchCheckpoint.read(Data(bytes), name: "crc.pt"), file: "crc.pt") { $0 == .checksumMismatch(name: "archive/data/s") }
    }

    func testZipWithoutTheTensorsStorageIsRejected() {
        let writer = simpleWriter()
        let zip = Writer.storedZip([("archive/data.pkl", writer.statePickle(legacy: false))])
        assertRejected(try PyTorchCheckpoint.read(Data(zip), name: "nodata.pt"), file: "nodata.pt") { $0 == .missingStorage(key: "s") }
    }

    func testCheckpointWithoutTensorsIsRejected() {
        var pickle = Writer.Pickle()
        pickle.bytes += [0x80, 0x02, 0x7D]
        pickle.string("epoch")
        pickle.int(3)
        pickle.bytes += [0x73, 0x2E]  // SETITEM STOP
        let zip = Writer.storedZip([("archive/data.pkl", pickle.bytes)])
        assertRejected(try PyTorchCheckpoint.read(Data(zip), name: "epoch.pt"), file: "epoch.pt") {
            if case .noStateDict = $0 { return true } else { return false }
        }
    }

    func testEveryCorruptionOfASmallCheckpointIsRejectedOrReadWithoutCrashing() {
        // Mutate each byte of small legacy and zip checkpoints (ours and CPython's): the importer must throw its own
        // error or return tensors, and never trap.
        var writer = simpleWriter()
        writer.wrapper = "state_dict"
        // CPython's pickle, re-zipped after each mutation so the CRC does not catch it first.
        let torch2 = Self.storedEntries([UInt8](PyTorchTorch2StyleCheckpointFixture.data))
        let cpythonPickle = torch2.first { $0.name == "archive/data.pkl" }!.contents
        let rezip: ([UInt8]) -> [UInt8] = { pickle in
            Writer.storedZip(torch2.map { ($0.name, $0.name == "archive/data.pkl" ? pickle : $0.contents) })
        }
        XCTAssertEqual(try PyTorchCheckpoint.read(Data(rezip(cpythonPickle)), name: "rezip").names.count, 4, "unmutated re-zip reads")
        let cases: [([UInt8], ([UInt8]) -> [UInt8])] = [(writer.legacy(), { $0 }), (writer.zip(), { $0 }), (cpythonPickle, rezip)]
        for (original, wrap) in cases {
            for index in original.indices {
                for replacement in [UInt8(0x00), 0xFF, original[index] &+ 1] where replacement != original[index] {
                    var mutated = original
                    mutated[index] = replacement
                    let bytes = wrap(mutated)
                    do {
                        _ = try PyTorchCheckpoint.read(Data(bytes), name: "fuzz")
                    } catch let error as PyTorchImportError {
                        XCTAssertEqual(error.file, "fuzz")
                    } catch {
                        XCTFail("untyped error \(error) at byte \(index)")
                    }
                }
            }
        }
    }

    // MARK: helpers

    /// The entries of a zip whose local headers carry the sizes (as torch and CPython write them).
    private static func storedEntries(_ zip: [UInt8]) -> [(name: String, contents: [UInt8])] {
        func field(_ at: Int, _ size: Int) -> Int { (0..<size).reduce(0) { $0 | Int(zip[at + $1]) << (8 * $1) } }
        var entries: [(String, [UInt8])] = []
        var position = 0
        while field(position, 4) == 0x0403_4B50 {
            let size = field(position + 18, 4)
            let nameLength = field(position + 26, 2)
            let start = position + 30 + nameLength + field(position + 28, 2)
            entries.append((String(decoding: zip[position + 30..<position + 30 + nameLength], as: UTF8.self), Array(zip[start..<start + size])))
            position = start + size
        }
        return entries
    }

    private func simpleWriter() -> Writer {
        Writer(storages: [.float32("s", [1, 2, 3, 4])], tensors: [.init(name: "w", storage: "s", shape: [2, 2], strides: [2, 1])])
    }

    private func assertRejected<T>(
        _ expression: @autoclosure () throws -> T, file name: String,
        sourceFile: StaticString = #filePath, line: UInt = #line,
        _ matches: (PyTorchImportError.Reason) -> Bool
    ) {
        do {
            _ = try expression()
            XCTFail("\(name) was accepted", file: sourceFile, line: line)
        } catch let error as PyTorchImportError {
            XCTAssertEqual(error.file, name, file: sourceFile, line: line)
            XCTAssertTrue(matches(error.reason), "unexpected \(error)", file: sourceFile, line: line)
        } catch {
            XCTFail("untyped error \(error)", file: sourceFile, line: line)
        }
    }
}
