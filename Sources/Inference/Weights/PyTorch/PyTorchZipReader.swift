import Foundation

/// Reads the zip format `torch.save` writes since 1.6: `<root>/data.pkl` (the object, whose
/// persistent ids name storages), `<root>/data/<key>` (each storage's raw little-endian bytes),
/// `<root>/version` and, since 1.13, `<root>/byteorder`.
enum PyTorchZipReader {
    static func read(_ data: Data) throws -> (root: PickleValue, storages: (String) throws -> Data) {
        let archive = try ZipArchive(data)
        // The root folder is the checkpoint's stem at save time ("archive" by default).
        let candidates = archive.names.filter { name in
            name.hasSuffix("/data.pkl") && name.split(separator: "/", omittingEmptySubsequences: false).count == 2
        }
        guard candidates.count == 1, let pickleName = candidates.first else {
            throw PyTorchImportError(file: "", reason: .unrecognizedFormat(
                candidates.isEmpty ? "zip has no <root>/data.pkl" : "zip has several data.pkl entries"))
        }
        let root = String(pickleName.dropLast("data.pkl".count))
        if archive.entries[root + "byteorder"] != nil {
            let order = String(decoding: try archive.contents(of: root + "byteorder"), as: UTF8.self)
            guard order.trimmingCharacters(in: .whitespacesAndNewlines) == "little" else {
                throw PyTorchImportError(file: "", reason: .bigEndian)
            }
        }
        let pickle = try archive.contents(of: pickleName)
        let main = try PickleMachine.unpickle(Data(pickle), context: pickleName) { pid in
            .storage(try PyTorchStorageReference(persistentID: pid))
        }
        let storages: (String) throws -> Data = { key in
            let name = root + "data/" + key
            guard archive.entries[name] != nil else {
                throw PyTorchImportError(file: "", reason: .missingStorage(key: key))
            }
            return try archive.contents(of: name)
        }
        return (main.value, storages)
    }
}
