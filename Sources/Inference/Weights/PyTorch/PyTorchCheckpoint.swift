import Foundation

/// Imports the weights of a PyTorch checkpoint (`.pth`, `.pt`, `.pth.tar`) without running any
/// of it: both the zip format (`torch.save` since 1.6; stored or deflated entries) and the legacy
/// pickle stream are read by a pickle interpreter that only knows an allow-list of torch globals.
///
/// Tensors of type float32 are returned as they are; float16, bfloat16 and float64 are converted
/// to float32; any other element type is refused with `unsupportedDType` naming the tensor.
///
/// Where the state dict is: if the checkpoint's top-level dict holds tensors, those are the state
/// dict. Otherwise the dicts holding tensors are searched for through nested dicts with string
/// keys (lists and dicts keyed by numbers, such as optimizer state, are not entered). One such
/// dict (`{"state_dict": {...}, "epoch": 3}`) is returned with its own names, and `location`
/// says where it was; several (`{"encoder": {...}, "decoder": {...}}`) are flattened with their
/// dotted paths as prefixes (`encoder.conv.weight`), refused if two names would collide.
public enum PyTorchCheckpoint {
    /// The tensors of the checkpoint at `url`, by name.
    public static func load(contentsOf url: URL) throws -> [String: WeightTensor] {
        try read(contentsOf: url).tensors
    }

    /// The tensors of the checkpoint at `url` with their order, format and source types.
    public static func read(contentsOf url: URL) throws -> PyTorchStateDict {
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PyTorchImportError(file: name, reason: .notFound)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw PyTorchImportError(file: name, reason: .cannotRead("\(error)"))
        }
        return try read(data, name: name)
    }

    /// The tensors of a checkpoint already in memory; `name` labels errors.
    public static func read(_ data: Data, name: String) throws -> PyTorchStateDict {
        do {
            return try decode(data)
        } catch let error as PyTorchImportError {
            throw PyTorchImportError(file: name, reason: error.reason)
        }
    }

    private static func decode(_ data: Data) throws -> PyTorchStateDict {
        guard !data.isEmpty else { throw PyTorchImportError(file: "", reason: .empty) }
        let format: PyTorchStateDict.Format
        let root: PickleValue
        let storageBytes: (String) throws -> Data
        if ZipArchive.looksLikeZip(data) {
            format = .zip
            (root, storageBytes) = try PyTorchZipReader.read(data)
        } else if data.first == 0x80 {
            format = .legacy
            let legacy = try PyTorchLegacyReader.read(data)
            root = legacy.root
            storageBytes = { key in
                guard let bytes = legacy.storages[key] else { throw PyTorchImportError(file: "", reason: .missingStorage(key: key)) }
                return bytes
            }
        } else {
            throw PyTorchImportError(file: "", reason: .unrecognizedFormat(Self.describeUnknown(data)))
        }

        let found = try PyTorchStateDictSearch.find(in: root)
        var cache: [String: Data] = [:]
        var tensors: [String: WeightTensor] = [:]
        var dtypes: [String: String] = [:]
        for (name, descriptor) in found.entries {
            let key = descriptor.storage.key
            let bytes = try cache[key] ?? storageBytes(key)
            cache[key] = bytes
            tensors[name] = try descriptor.materialize(name: name, storageBytes: bytes)
            dtypes[name] = descriptor.storage.dtype.name
        }
        return PyTorchStateDict(format: format, names: found.entries.map(\.name), tensors: tensors,
                                location: found.location, sourceDTypes: dtypes)
    }

    private static func describeUnknown(_ data: Data) -> String {
        if data.count > 262, data[data.startIndex + 257..<data.startIndex + 262].elementsEqual(Array("ustar".utf8)) {
            return "a tar archive: the pre-0.4 torch tar format is not supported"
        }
        let head = data.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
        return "starts with \(head)"
    }
}
