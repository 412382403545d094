import Foundation

/// Reads little-endian integers, floats and byte runs from a `Data`, throwing `truncated` instead
/// of trapping when the data ends early. Positions are offsets from the start of the data.
struct PyTorchByteCursor {
    let data: Data
    private(set) var position: Int
    /// What is being read, for the `truncated` message.
    var context: String

    init(_ data: Data, at position: Int = 0, context: String) {
        self.data = data
        self.position = position
        self.context = context
    }

    var remaining: Int { data.count - position }
    var isAtEnd: Bool { position >= data.count }

    mutating func require(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw PyTorchImportError(file: "", reason: .truncated("\(context) needs \(count) bytes at byte \(position), \(remaining) left"))
        }
    }

    mutating func byte() throws -> UInt8 {
        try require(1)
        defer { position += 1 }
        return data[data.startIndex + position]
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        try require(count)
        let start = data.startIndex + position
        position += count
        return [UInt8](data[start..<start + count])
    }

    mutating func skip(_ count: Int) throws {
        try require(count)
        position += count
    }

    /// An unsigned little-endian integer of `size` bytes (at most 8).
    mutating func unsigned(_ size: Int) throws -> UInt64 {
        try require(size)
        var value: UInt64 = 0
        let start = data.startIndex + position
        for index in 0..<size {
            value |= UInt64(data[start + index]) << (8 * UInt64(index))
        }
        position += size
        return value
    }

    mutating func uint16() throws -> Int { Int(try unsigned(2)) }
    mutating func uint32() throws -> Int { Int(try unsigned(4)) }
    mutating func int32() throws -> Int { Int(Int32(truncatingIfNeeded: try unsigned(4))) }

    /// A 64-bit length or offset; values beyond `Int.max` cannot describe real data and are refused.
    mutating func length64() throws -> Int {
        let value = try unsigned(8)
        guard value <= UInt64(Int.max) else {
            throw PyTorchImportError(file: "", reason: .truncated("\(context) declares an impossible length \(value)"))
        }
        return Int(value)
    }

    /// Bytes up to (not including) the next newline, which is consumed.
    mutating func line() throws -> [UInt8] {
        let start = data.startIndex + position
        guard let newline = data[start...].firstIndex(of: 0x0A) else {
            throw PyTorchImportError(file: "", reason: .truncated("\(context) has an unterminated line at byte \(position)"))
        }
        let bytes = [UInt8](data[start..<newline])
        position = newline - data.startIndex + 1
        return bytes
    }
}
