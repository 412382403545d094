import Storage

/// Turns the project's SQLite-style placeholders into PostgreSQL's, so that one SQL text serves
/// both backends:
///
/// - `?NNN` becomes `$NNN`;
/// - a bare `?` becomes `$n` where n is one more than the highest number used so far (SQLite's
///   rule, so `?1 … ? …` numbers the bare one 2);
/// - `??` is a literal `?` (PostgreSQL's jsonb operators `?`, `?|`, `?&`, which SQLite lacks);
/// - a `$n` already present is kept and counted.
///
/// Nothing changes inside string literals (`'…'` with `''`, `E'…'` with backslash escapes),
/// quoted identifiers (`"…"` with `""`), dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`), line
/// comments (`--`) and block comments (`/* … */`, nested as PostgreSQL nests them). An
/// unterminated literal or comment is copied as it is; the server then reports the syntax error.
enum PlaceholderRewriter {
    /// The most placeholders one statement may use (SQLite's `SQLITE_MAX_VARIABLE_NUMBER`).
    static let maximumNumber = 32_766

    /// - Throws: `StorageError.postgres` (SQLSTATE 42601, syntax error) for `?0` or a number above
    ///   32766.
    static func rewrite(_ sql: String) throws -> RewrittenSQL {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var highest = 0
        var index = 0

        func copy(through end: Int) {
            output.append(contentsOf: bytes[index..<min(end, bytes.count)])
            index = min(end, bytes.count)
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "'"):
                let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e")
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                copy(through: endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes))
            case UInt8(ascii: "\""):
                copy(through: endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: false))
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                copy(through: (bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count - 1) + 1)
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                copy(through: endOfBlockComment(bytes, from: index))
            case UInt8(ascii: "$"):
                if isDigit(next) {
                    let (number, end) = digits(bytes, from: index + 1)
                    highest = max(highest, number)
                    copy(through: end)
                } else if index == 0 || !isIdentifierByte(bytes[index - 1]), let end = endOfDollarQuoted(bytes, from: index) {
                    copy(through: end)
                } else {
                    copy(through: index + 1)
                }
            case UInt8(ascii: "?"):
                if next == UInt8(ascii: "?") {
                    output.append(byte)
                    index += 2
                    continue
                }
                let number: Int
                if isDigit(next) {
                    let (explicit, end) = digits(bytes, from: index + 1)
                    guard (1...maximumNumber).contains(explicit) else {
                        throw StorageError.postgres(
                            sqlstate: "42601", message: "placeholder ?\(explicit) is out of range (?1 to ?\(maximumNumber)): \(sql)")
                    }
                    number = explicit
                    index = end
                } else {
                    guard highest < maximumNumber else {
                        throw StorageError.postgres(sqlstate: "42601", message: "more than \(maximumNumber) placeholders: \(sql.prefix(200))")
                    }
                    number = highest + 1
                    index += 1
                }
                highest = max(highest, number)
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(number).utf8)
            default:
                output.append(byte)
                index += 1
            }
        }
        return RewrittenSQL(text: String(decoding: output, as: UTF8.self), parameterCount: highest)
    }

    /// The index after the closing quote of the literal or identifier opening at `start`; a
    /// doubled quote is part of the text.
    private static func endOfQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes, byte == UInt8(ascii: "\\") {
                index += 2
            } else if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                } else {
                    return index + 1
                }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    private static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// The index after the closing tag of a dollar-quoted string opening at `start`, or nil when
    /// `start` does not open one (`$` not followed by an optional tag and a second `$`).
    private static func endOfDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int? {
        var tagEnd = start + 1
        if tagEnd < bytes.count, isIdentifierStart(bytes[tagEnd]) {
            while tagEnd < bytes.count, isIdentifierByte(bytes[tagEnd]), bytes[tagEnd] != UInt8(ascii: "$") { tagEnd += 1 }
        }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else { return nil }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$"), bytes[index..<(index + tag.count)].elementsEqual(tag) {
                return index + tag.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func digits(_ bytes: [UInt8], from start: Int) -> (number: Int, end: Int) {
        var number = 0
        var index = start
        while index < bytes.count, isDigit(bytes[index]) {
            // Saturate instead of overflowing: anything this large is out of range anyway.
            number = min(number * 10 + Int(bytes[index] - UInt8(ascii: "0")), Int(Int32.max))
            index += 1
        }
        return (number, index)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }
}
