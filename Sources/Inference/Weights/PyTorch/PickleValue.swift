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
    /// `depth` is the tuple's nesting depth, kept so that deep nesting is refused when built.
    case tuple([PickleValue], depth: Int)
    /// Lists, sets and dicts are reference types in Python and a pickle mutates them after
    /// memoising them, so they are boxed to share that identity.
    case list(PickleList)
    case dict(PickleDict)
    case global(PickleGlobal)
    case storage(PyTorchStorageReference)
    case tensor(PyTorchTensorDescriptor)

    /// How deeply containers nest inside this value (0 for scalars).
    var depth: Int {
        switch self {
        case .tuple(_, let depth): return depth
        case .list(let box): return box.depth
        case .dict(let box): return box.depth
        default: return 0
        }
    }

    /// Records that a list or dict now sits inside another container: from then on it is
    /// frozen, so the depths recorded for its parents stay true.
    func markNested() {
        switch self {
        case .list(let box): box.isNested = true
        case .dict(let box): box.isNested = true
        default: break
        }
    }

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

/// The bookkeeping shared by the mutable containers. Pickles from `pickle.dumps` fill each list
/// and dict before placing it in a parent; refusing later changes keeps depths exact, so deep
/// nesting (which would overflow the stack when values are released) is refused up front.
class PickleContainer {
    var depth = 1
    var isNested = false
}

/// A Python list or set under construction.
final class PickleList: PickleContainer {
    var items: [PickleValue]
    init(_ items: [PickleValue] = []) { self.items = items }
}

/// A Python dict (or OrderedDict) in insertion order; keys may be any pickled value.
final class PickleDict: PickleContainer {
    private(set) var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Where each string key sits in `entries`, so a large state dict fills in linear time.
    private var stringKeys: [String: Int] = [:]
    override init() {}

    func set(_ key: PickleValue, _ value: PickleValue) {
        if case .string(let name) = key {
            if let index = stringKeys[name] {
                entries[index].value = value
                return
            }
            stringKeys[name] = entries.count
        }
        entries.append((key, value))
    }

    func value(forKey name: String) -> PickleValue? {
        stringKeys[name].map { entries[$0].value }
    }
}
