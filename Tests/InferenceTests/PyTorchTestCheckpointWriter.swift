import Foundation

/// Builds small torch checkpoints in both containers for tests, emitting the same protocol-2
/// opcodes `torch.save` does, so the importer can be exercised on layouts (zip, strides,
/// offsets, other dtypes, nesting) that the published fixtures do not contain.
struct PyTorchTestCheckpointWriter {
    /// One tensor: a view (offset, shape, strides in elements) into a named storage.
    struct Tensor {
        var name: String
        var storage: String
        var offset = 0
        var shape: [Int]
        var strides: [Int]
        /// Legacy streams only: a view `(offset, size)` into the storage, written as view_metadata.
        var view: (offset: Int, size: Int)?
    }

    /// One storage: its torch class (`FloatStorage`), element count and raw little-endian bytes.
    struct Storage {
        var key: String
        var storageClass = "FloatStorage"
        var count: Int
        var bytes: [UInt8]

        static func float32(_ key: String, _ values: [Float]) -> Storage {
            Storage(key: key, count: values.count, bytes: values.flatMap { littleEndian($0.bitPattern) })
        }
    }

    var storages: [Storage]
    var tensors: [Tensor]
    /// When set, the state dict is wrapped as `{wrapper: state_dict, "epoch": 7}`.
    var wrapper: String?

    // MARK: containers

    func legacy() -> [UInt8] {
        var out: [UInt8] = []
        out += [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E]
        out += [0x80, 0x02, 0x4D] + Self.littleEndian(UInt16(1001)) + [0x2E]
        out += [0x80, 0x02, 0x7D, 0x28] + Self.unicode("little_endian") + [0x88, 0x75, 0x2E]
        out += statePickle(legacy: true)
        var keys = Pickle()
        keys.bytes += [0x80, 0x02, 0x5D, 0x28]
        for storage in storages { keys.string(storage.key) }
        keys.bytes += [0x65, 0x2E]
        out += keys.bytes
        for storage in storages {
            out += Self.littleEndian(UInt64(storage.count)) + storage.bytes
        }
        return out
    }

    func zip(root: String = "archive") -> [UInt8] {
        var entries: [(String, [UInt8])] = [("\(root)/data.pkl", statePickle(legacy: false))]
        entries += [("\(root)/byteorder", Array("little".utf8))]
        entries += storages.map { ("\(root)/data/\($0.key)", $0.bytes) }
        entries += [("\(root)/version", Array("3\n".utf8))]
        return Self.storedZip(entries)
    }

    // MARK: the state pickle

    func statePickle(legacy: Bool) -> [UInt8] {
        var pickle = Pickle()
        pickle.bytes += [0x80, 0x02]
        if let wrapper {
            pickle.bytes += [0x7D, 0x28]
            pickle.string(wrapper)
        }
        pickle.global("collections", "OrderedDict")
        pickle.bytes += [0x29, 0x52, 0x28]  // EMPTY_TUPLE REDUCE MARK
        for tensor in tensors {
            let storage = storages.first { $0.key == tensor.storage }!
            pickle.string(tensor.name)
            pickle.global("torch._utils", "_rebuild_tensor_v2")
            pickle.bytes += [0x28, 0x28]  // MARK (args) MARK (pid)
            pickle.string("storage")
            pickle.global("torch", storage.storageClass)
            pickle.string(storage.key)
            pickle.string("cpu")
            pickle.int(storage.count)
            if legacy {
                if let view = tensor.view {
                    pickle.bytes += [0x28]
                    pickle.string("\(storage.key)-view\(view.offset)")
                    pickle.int(view.offset)
                    pickle.int(view.size)
                    pickle.bytes += [0x74]
                } else {
                    pickle.bytes += [0x4E]  // view_metadata None
                }
            }
            pickle.bytes += [0x74, 0x51]  // TUPLE BINPERSID
            pickle.int(tensor.offset)
            pickle.tuple(tensor.shape)
            pickle.tuple(tensor.strides)
            pickle.bytes += [0x89]  // requires_grad False
            pickle.global("collections", "OrderedDict")
            pickle.bytes += [0x29, 0x52, 0x74, 0x52]  // () REDUCE TUPLE REDUCE
        }
        pickle.bytes += [0x75]  // SETITEMS
        if wrapper != nil {
            pickle.string("epoch")
            pickle.int(7)
            pickle.bytes += [0x75]
        }
        pickle.bytes += [0x2E]
        return pickle.bytes
    }

    struct Pickle {
        var bytes: [UInt8] = []

        mutating func string(_ text: String) { bytes += PyTorchTestCheckpointWriter.unicode(text) }
        mutating func global(_ module: String, _ name: String) { bytes += [0x63] + Array("\(module)\n\(name)\n".utf8) }
        mutating func int(_ value: Int) { bytes += [0x4A] + PyTorchTestCheckpointWriter.littleEndian(UInt32(truncatingIfNeeded: value)) }
        mutating func tuple(_ values: [Int]) {
            bytes += [0x28]
            for value in values { int(value) }
            bytes += [0x74]
        }
    }

    // MARK: bytes

    static func unicode(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        return [0x58] + littleEndian(UInt32(utf8.count)) + utf8
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    static func storedZip(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, contents) in entries {
            let offset = out.count
            let crc = crc32(contents)
            let nameBytes = Array(name.utf8)
            let common = littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt32(0))
                + littleEndian(crc) + littleEndian(UInt32(contents.count)) + littleEndian(UInt32(contents.count))
                + littleEndian(UInt16(nameBytes.count))
            out += littleEndian(UInt32(0x0403_4B50)) + littleEndian(UInt16(20)) + common + littleEndian(UInt16(0)) + nameBytes + contents
            central += littleEndian(UInt32(0x0201_4B50)) + littleEndian(UInt16(20)) + littleEndian(UInt16(20)) + common
                + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
                + littleEndian(UInt32(0)) + littleEndian(UInt32(offset)) + nameBytes
        }
        let centralOffset = out.count
        out += central
        out += littleEndian(UInt32(0x0605_4B50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
            + littleEndian(UInt16(entries.count)) + littleEndian(UInt16(entries.count))
            + littleEndian(UInt32(central.count)) + littleEndian(UInt32(centralOffset)) + littleEndian(UInt16(0))
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
