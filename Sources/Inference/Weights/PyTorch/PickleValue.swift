/// A value on the stack of the `PickleMachine`. Only inert data and the allow-listed torch
/// constructs exist here: there is no case for an arbitrary Python object, so nothing a pickle
/// says can ever become executable.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer too wide for `Int` (torch's magic number is 80 bits): little-endian two's complement.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    /// Lists, sets and dicts are reference types in Python and a pickle mutates them after
    /// memoising them, so they are boxed to share that identity.
    case list(PickleList)
    case dict(PickleDict)
    case global(PickleGlobal)
    case storage(PyTorchStorageReference)
    case tensor(PyTorchTensorDescriptor)

    /// A short name for error messages.
    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .global(let global): return "global \(global)"
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// A Python list or set under construction.
final class PickleList {
    var items: [PickleValue]
    init(_ items: [PickleValue] = []) { self.items = items }
}

/// A Python dict (or OrderedDict) in insertion order; keys may be any pickled value.
final class PickleDict {
    var entries: [(key: PickleValue, value: PickleValue)] = []
    init() {}

    func set(_ key: PickleValue, _ value: PickleValue) {
        if case .string(let name) = key,
           let index = entries.firstIndex(where: { if case .string(name) = $0.key { return true } else { return false } }) {
            entries[index].value = value
        } else {
            entries.append((key, value))
        }
    }

    func value(forKey name: String) -> PickleValue? {
        for entry in entries {
            if case .string(name) = entry.key { return entry.value }
        }
        return nil
    }
}
