import Foundation

extension PickleMachine {
    mutating func pop() throws -> PickleValue {
        guard let value = stack.popLast(), stack.count >= (marks.last ?? 0) else {
            throw malformed("stack underflow at byte \(cursor.position)")
        }
        return value
    }

    /// The top `count` values, oldest first.
    mutating func pop(_ count: Int) throws -> [PickleValue] {
        guard stack.count - count >= (marks.last ?? 0) else {
            throw malformed("stack underflow at byte \(cursor.position)")
        }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    /// Everything above the most recent MARK, which is removed.
    mutating func popMark() throws -> [PickleValue] {
        guard let mark = marks.popLast() else { throw malformed("no MARK at byte \(cursor.position)") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    func top() throws -> PickleValue {
        guard let value = stack.last else { throw malformed("empty stack at byte \(cursor.position)") }
        return value
    }

    func recall(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw malformed("memo \(index) read before it was written") }
        return value
    }

    /// Far deeper than any state dict (about 5), far shallower than what overflows the stack.
    static let maximumDepth = 100

    func tuple(_ items: [PickleValue]) throws -> PickleValue {
        .tuple(items, depth: try nest(items, depth: 1))
    }

    func list(_ items: [PickleValue]) throws -> PickleList {
        let list = PickleList(items)
        list.depth = try nest(items, depth: 1)
        return list
    }

    mutating func append(_ items: [PickleValue]) throws {
        guard case .list(let list) = try top() else { throw malformed("APPEND to a \(try top().kind)") }
        guard !list.isNested else { throw malformed("APPEND to a list after it was nested") }
        list.depth = try nest(items, depth: list.depth)
        list.items.append(contentsOf: items)
    }

    mutating func setItems(_ pairs: [PickleValue]) throws {
        guard case .dict(let dict) = try top() else { throw malformed("SETITEM on a \(try top().kind)") }
        guard !dict.isNested else { throw malformed("SETITEM on a dict after it was nested") }
        try fill(dict, pairs)
    }

    func dict(fromPairs pairs: [PickleValue]) throws -> PickleDict {
        let dict = PickleDict()
        try fill(dict, pairs)
        return dict
    }

    private func fill(_ dict: PickleDict, _ pairs: [PickleValue]) throws {
        guard pairs.count % 2 == 0 else { throw malformed("odd number of dict items") }
        dict.depth = try nest(pairs, depth: dict.depth)
        for index in stride(from: 0, to: pairs.count, by: 2) {
            dict.set(pairs[index], pairs[index + 1])
        }
    }

    /// Marks `items` as nested in a container of depth `depth` and returns its new depth.
    private func nest(_ items: [PickleValue], depth: Int) throws -> Int {
        var depth = depth
        for item in items {
            depth = max(depth, item.depth + 1)
            item.markNested()
        }
        guard depth <= Self.maximumDepth else {
            throw malformed("containers nest deeper than \(Self.maximumDepth) levels")
        }
        return depth
    }

    func malformed(_ detail: String) -> PyTorchImportError {
        PyTorchImportError(file: "", reason: .malformedPickle(detail))
    }

    func nonNegative(_ value: Int) throws -> Int {
        guard value >= 0 else { throw malformed("negative length \(value)") }
        return value
    }

    func unicode(_ bytes: [UInt8]) throws -> PickleValue {
        guard let string = String(validating: bytes, as: UTF8.self) else { throw malformed("invalid UTF-8 string") }
        return .string(string)
    }

    /// Protocol-2 BINSTRING holds Python 2 `str`; torch only ever writes ASCII there.
    static func latin1(_ bytes: [UInt8]) -> PickleValue {
        .string(String(bytes.map { Character(Unicode.Scalar($0)) }))
    }

    /// LONG1/LONG4 payload: little-endian two's complement of any width.
    static func long(_ bytes: [UInt8]) -> PickleValue {
        if bytes.isEmpty { return .int(0) }
        guard bytes.count <= 8 else { return .bigInt(bytes) }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        if bytes.count < 8, bytes.last! & 0x80 != 0 {
            value |= ~UInt64(0) << (8 * UInt64(bytes.count))  // sign-extend
        }
        return .int(Int(Int64(bitPattern: value)))
    }

    func decimal(_ line: [UInt8]) throws -> Int {
        guard let value = Int(String(decoding: line, as: UTF8.self)) else { throw malformed("bad decimal") }
        return value
    }

    /// Protocol 0's INT, where "01" and "00" mean True and False.
    func decimalInt(_ line: [UInt8]) throws -> PickleValue {
        switch line {
        case Array("01".utf8): return .bool(true)
        case Array("00".utf8): return .bool(false)
        default: return .int(try decimal(line))
        }
    }

    func decimalFloat(_ line: [UInt8]) throws -> PickleValue {
        guard let value = Double(String(decoding: line, as: UTF8.self)) else { throw malformed("bad float") }
        return .float(value)
    }
}
