import Foundation

/// A pickle interpreter for the data-only subset of the pickle protocol (0–5) that `torch.save`
/// writes. It never imports or calls Python: globals resolve through `PickleGlobal`'s allow-list,
/// REDUCE only invokes the Swift implementations of those globals, and persistent ids (torch's
/// storages) are handed to the caller's `persistentLoad`.
struct PickleMachine {
    /// Turns a persistent id (the pid tuple torch writes for each storage) into a value.
    typealias PersistentLoader = (PickleValue) throws -> PickleValue

    var cursor: PyTorchByteCursor
    var stack: [PickleValue] = []
    var marks: [Int] = []
    var memo: [Int: PickleValue] = [:]
    private let persistentLoad: PersistentLoader

    private init(cursor: PyTorchByteCursor, persistentLoad: @escaping PersistentLoader) {
        self.cursor = cursor
        self.persistentLoad = persistentLoad
    }

    /// Runs the pickle that starts at `offset` up to its STOP, returning its value and the offset
    /// just after the STOP (where a legacy stream's next pickle begins).
    static func unpickle(
        _ data: Data,
        at offset: Int = 0,
        context: String,
        persistentLoad: @escaping PersistentLoader = { _ in
            throw PyTorchImportError(file: "", reason: .malformedPickle("persistent id where none is expected"))
        }
    ) throws -> (value: PickleValue, end: Int) {
        var machine = PickleMachine(cursor: PyTorchByteCursor(data, at: offset, context: context), persistentLoad: persistentLoad)
        let value = try machine.run()
        return (value, machine.cursor.position)
    }

    private mutating func run() throws -> PickleValue {
        while true {
            let offset = cursor.position
            let opcode = try cursor.byte()
            switch opcode {
            case 0x80: _ = try cursor.byte()  // PROTO: every version up to 5 is handled the same way
            case 0x95: try cursor.skip(8)  // FRAME: framing is only a read-ahead hint
            case 0x2E:  // STOP
                let value = try pop()
                return value

            // Constants and numbers.
            case 0x4E: stack.append(.none)
            case 0x88: stack.append(.bool(true))
            case 0x89: stack.append(.bool(false))
            case 0x4A: stack.append(.int(try cursor.int32()))  // BININT
            case 0x4B: stack.append(.int(Int(try cursor.byte())))  // BININT1
            case 0x4D: stack.append(.int(try cursor.uint16()))  // BININT2
            case 0x8A: stack.append(Self.long(try cursor.bytes(Int(try cursor.byte()))))  // LONG1
            case 0x8B: stack.append(Self.long(try cursor.bytes(try nonNegative(try cursor.int32()))))  // LONG4
            case 0x49: stack.append(try decimalInt(try cursor.line()))  // INT
            case 0x47: stack.append(.float(Double(bitPattern: UInt64(bigEndian: try cursor.unsigned(8)))))  // BINFLOAT
            case 0x46: stack.append(try decimalFloat(try cursor.line()))  // FLOAT

            // Strings and bytes.
            case 0x58: stack.append(try unicode(try cursor.bytes(try cursor.uint32())))  // BINUNICODE
            case 0x8C: stack.append(try unicode(try cursor.bytes(Int(try cursor.byte()))))  // SHORT_BINUNICODE
            case 0x8D: stack.append(try unicode(try cursor.bytes(try cursor.length64())))  // BINUNICODE8
            case 0x54: stack.append(Self.latin1(try cursor.bytes(try nonNegative(try cursor.int32()))))  // BINSTRING
            case 0x55: stack.append(Self.latin1(try cursor.bytes(Int(try cursor.byte()))))  // SHORT_BINSTRING
            case 0x42: stack.append(.bytes(try cursor.bytes(try cursor.uint32())))  // BINBYTES
            case 0x43: stack.append(.bytes(try cursor.bytes(Int(try cursor.byte()))))  // SHORT_BINBYTES
            case 0x8E: stack.append(.bytes(try cursor.bytes(try cursor.length64())))  // BINBYTES8

            // Containers.
            case 0x28: marks.append(stack.count)  // MARK
            case 0x29: stack.append(try tuple([]))  // EMPTY_TUPLE
            case 0x85: stack.append(try tuple(try pop(1)))  // TUPLE1
            case 0x86: stack.append(try tuple(try pop(2)))  // TUPLE2
            case 0x87: stack.append(try tuple(try pop(3)))  // TUPLE3
            case 0x74: stack.append(try tuple(try popMark()))  // TUPLE
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x6C: stack.append(.list(try list(try popMark())))  // LIST
            case 0x8F: stack.append(.list(PickleList()))  // EMPTY_SET: a set is only ever data here
            case 0x91: stack.append(.list(try list(try popMark())))  // FROZENSET
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
            case 0x64: stack.append(.dict(try dict(fromPairs: try popMark())))  // DICT
            case 0x61: try append(try pop(1))  // APPEND
            case 0x65, 0x90: try append(try popMark())  // APPENDS, ADDITEMS
            case 0x73: try setItems(try pop(2))  // SETITEM
            case 0x75: try setItems(try popMark())  // SETITEMS

            // Stack and memo.
            case 0x30: _ = try pop()  // POP
            case 0x31: _ = try popMark()  // POP_MARK
            case 0x32: stack.append(try top())  // DUP
            case 0x71: memo[Int(try cursor.byte())] = try top()  // BINPUT
            case 0x72: memo[try cursor.uint32()] = try top()  // LONG_BINPUT
            case 0x70: memo[try decimal(try cursor.line())] = try top()  // PUT
            case 0x94: memo[memo.count] = try top()  // MEMOIZE
            case 0x68: stack.append(try recall(Int(try cursor.byte())))  // BINGET
            case 0x6A: stack.append(try recall(try cursor.uint32()))  // LONG_BINGET
            case 0x67: stack.append(try recall(try decimal(try cursor.line())))  // GET

            // Globals, calls and persistent ids: the only places behaviour could hide.
            case 0x63:  // GLOBAL
                let module = String(decoding: try cursor.line(), as: UTF8.self)
                let name = String(decoding: try cursor.line(), as: UTF8.self)
                stack.append(.global(try PickleGlobal.resolve(module: module, name: name)))
            case 0x93:  // STACK_GLOBAL
                let parts = try pop(2)
                guard case .string(let module) = parts[0], case .string(let name) = parts[1] else {
                    throw malformed("STACK_GLOBAL needs two strings")
                }
                stack.append(.global(try PickleGlobal.resolve(module: module, name: name)))
            case 0x52, 0x81:  // REDUCE, NEWOBJ: callable(*args) / cls.__new__(cls, *args)
                let parts = try pop(2)
                guard case .global(let callable) = parts[0] else {
                    throw malformed("call of a \(parts[0].kind), not an allow-listed global")
                }
                guard case .tuple(let arguments, _) = parts[1] else {
                    throw malformed("call of \(callable) with \(parts[1].kind) arguments")
                }
                stack.append(try callable.call(arguments))
            case 0x62:  // BUILD
                let parts = try pop(2)
                // torch attaches Python-side state this importer does not need (a state dict's
                // `_metadata` versions, a Parameter's attributes); data is kept, state dropped.
                switch parts[0] {
                case .dict(let box as PickleContainer), .list(let box as PickleContainer):
                    guard !box.isNested else { throw malformed("BUILD on a container after it was nested") }
                    stack.append(parts[0])
                case .tensor: stack.append(parts[0])
                default: throw malformed("BUILD on a \(parts[0].kind)")
                }
            case 0x51: stack.append(try persistentLoad(try pop()))  // BINPERSID

            default:
                // INST, OBJ, EXT*, NEWOBJ_EX, PERSID, out-of-band buffers and anything unknown.
                throw PyTorchImportError(file: "", reason: .unsupportedOpcode(opcode: opcode, offset: offset))
            }
        }
    }
}
