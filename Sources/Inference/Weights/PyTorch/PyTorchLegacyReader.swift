import Foundation

/// Reads the pre-1.6 stream format (`_use_new_zipfile_serialization=False`): five pickles (magic
/// number, protocol version, sys_info, the object, the list of storage keys) followed by each
/// storage in key order as an 8-byte little-endian element count and its raw elements.
enum PyTorchLegacyReader {
    /// 0x1950a86a20f9469cfc6c as LONG1 bytes, little-endian.
    static let magicNumber: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    static let protocolVersion = 1001

    static func read(_ data: Data) throws -> (root: PickleValue, storages: [String: Data]) {
        let magic = try PickleMachine.unpickle(data, context: "magic number")
        guard case .bigInt(magicNumber) = magic.value else {
            throw PyTorchImportError(file: "", reason: .badMagic)
        }
        let version = try PickleMachine.unpickle(data, at: magic.end, context: "protocol version")
        guard case .int(let number) = version.value, number == protocolVersion else {
            if case .int(let number) = version.value {
                throw PyTorchImportError(file: "", reason: .unsupportedProtocolVersion(number))
            }
            throw PyTorchImportError(file: "", reason: .malformedPickle("protocol version is a \(version.value.kind)"))
        }
        let sysInfo = try PickleMachine.unpickle(data, at: version.end, context: "sys_info")
        if case .dict(let info) = sysInfo.value, case .bool(false)? = info.value(forKey: "little_endian") {
            throw PyTorchImportError(file: "", reason: .bigEndian)
        }

        var references: [String: PyTorchStorageReference] = [:]
        let main = try PickleMachine.unpickle(data, at: sysInfo.end, context: "state dict pickle") { pid in
            let reference = try PyTorchStorageReference(persistentID: pid)
            if let known = references[reference.key], known.dtype != reference.dtype || known.declaredCount != reference.declaredCount {
                throw PyTorchImportError(file: "", reason: .badStorage(key: reference.key, detail: "declared twice with different types or sizes"))
            }
            references[reference.key] = reference
            return .storage(reference)
        }
        let keyList = try PickleMachine.unpickle(data, at: main.end, context: "storage key list")
        guard case .list(let keys) = keyList.value else {
            throw PyTorchImportError(file: "", reason: .malformedPickle("storage key list is a \(keyList.value.kind)"))
        }

        var cursor = PyTorchByteCursor(data, at: keyList.end, context: "storage data")
        var storages: [String: Data] = [:]
        for item in keys.items {
            guard case .string(let key) = item else {
                throw PyTorchImportError(file: "", reason: .malformedPickle("storage key is a \(item.kind)"))
            }
            guard let reference = references[key] else {
                throw PyTorchImportError(file: "", reason: .badStorage(key: key, detail: "listed but never described, so its element size is unknown"))
            }
            cursor.context = "storage \(key)"
            let count = try cursor.length64()
            guard count == reference.declaredCount else {
                throw PyTorchImportError(file: "", reason: .badStorage(key: key, detail: "header says \(count) elements, pickle says \(reference.declaredCount)"))
            }
            let (byteCount, overflow) = count.multipliedReportingOverflow(by: reference.dtype.elementSize)
            guard !overflow else { throw PyTorchImportError(file: "", reason: .badStorage(key: key, detail: "impossible size \(count)")) }
            let start = data.startIndex + cursor.position
            try cursor.skip(byteCount)
            storages[key] = data[start..<start + byteCount]
        }
        return (main.value, storages)
    }
}
