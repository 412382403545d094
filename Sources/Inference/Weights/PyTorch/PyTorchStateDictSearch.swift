/// Finds the state dict inside an unpickled checkpoint; the rule is documented on `PyTorchCheckpoint`.
enum PyTorchStateDictSearch {
    static func find(in root: PickleValue) throws -> (entries: [(name: String, descriptor: PyTorchTensorDescriptor)], location: String?) {
        guard case .dict(let dict) = root else {
            throw PyTorchImportError(file: "", reason: .noStateDict("the checkpoint holds a \(root.kind), not a dict"))
        }
        var holders: [(path: [String], tensors: [(String, PyTorchTensorDescriptor)])] = []
        var visited = Set<ObjectIdentifier>()
        collect(dict, path: [], into: &holders, visited: &visited)
        switch holders.count {
        case 0:
            throw PyTorchImportError(file: "", reason: .noStateDict("no tensors under string keys"))
        case 1:
            let holder = holders[0]
            return (holder.tensors, holder.path.isEmpty ? nil : holder.path.joined(separator: "."))
        default:
            var seen = Set<String>()
            var entries: [(name: String, descriptor: PyTorchTensorDescriptor)] = []
            for holder in holders {
                let prefix = holder.path.map { $0 + "." }.joined()
                for (name, descriptor) in holder.tensors {
                    let flat = prefix + name
                    guard seen.insert(flat).inserted else {
                        throw PyTorchImportError(file: "", reason: .noStateDict("flattening nested state dicts makes \(flat) ambiguous"))
                    }
                    entries.append((flat, descriptor))
                }
            }
            return (entries, nil)
        }
    }

    /// Depth-first: a dict holding tensors is a state dict and is not searched further.
    private static func collect(
        _ dict: PickleDict, path: [String],
        into holders: inout [(path: [String], tensors: [(String, PyTorchTensorDescriptor)])],
        visited: inout Set<ObjectIdentifier>
    ) {
        // A pickle can make a dict contain itself; each dict is searched once.
        guard visited.insert(ObjectIdentifier(dict)).inserted else { return }
        let tensors: [(String, PyTorchTensorDescriptor)] = dict.entries.compactMap { entry in
            guard case .string(let name) = entry.key, case .tensor(let descriptor) = entry.value else { return nil }
            return (name, descriptor)
        }
        if !tensors.isEmpty {
            holders.append((path, tensors))
            return
        }
        for entry in dict.entries {
            guard case .string(let name) = entry.key, case .dict(let child) = entry.value else { continue }
            collect(child, path: path + [name], into: &holders, visited: &visited)
        }
    }
}
