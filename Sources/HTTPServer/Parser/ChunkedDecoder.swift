/// Decodes a chunked request body (RFC 9112 §7.1) incrementally. Strict: a chunk size must be 1–15 hex
/// digits, lines end in CRLF, and chunk data must be followed by CRLF; extensions are skipped, trailers
/// are read and dropped. Anything else is a 400, because a lenient decoder is a smuggling vector.
struct ChunkedDecoder {
    private enum State {
        case size(digits: Int, value: Int64)
        case extensions(value: Int64, length: Int)
        case sizeLF(value: Int64)
        case data(remaining: Int64)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerLine
        case trailerLF(empty: Bool)
        case done
    }

    private var state = State.size(digits: 0, value: 0)
    private var trailerBytes = 0
    private static let maxExtensionBytes = 1024
    private static let maxTrailerBytes = 8 * 1024

    var isDone: Bool { if case .done = state { return true } else { return false } }

    /// Consumes bytes from `input`, passing chunk data to `emit`; stops at the end of the body so that
    /// the rest of `input` (a pipelined request) is left alone. Returns how many bytes were consumed.
    mutating func decode(
        _ input: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws(HTTPError) -> Void
    ) throws(HTTPError) -> Int {
        var i = 0
        let count = input.count
        while i < count {
            let byte = input[i]
            switch state {
            case .size(let digits, let value):
                if let hex = ByteClass.hexValue(byte) {
                    guard digits < 15 else { throw .malformed("A chunk size is too large.", code: "bad_chunk_size") }
                    state = .size(digits: digits + 1, value: value << 4 | Int64(hex))
                } else {
                    guard digits > 0 else { throw .malformed("A chunk size is not hexadecimal.", code: "bad_chunk_size") }
                    switch byte {
                    case ByteClass.cr: state = .sizeLF(value: value)
                    case ByteClass.lf: throw .malformed("A chunk size line ends in a bare LF.", code: "bare_lf")
                    case UInt8(ascii: ";"), ByteClass.space, ByteClass.tab: state = .extensions(value: value, length: 1)
                    default: throw .malformed("A chunk size is not hexadecimal.", code: "bad_chunk_size")
                    }
                }
                i += 1
            case .extensions(let value, let length):
                if byte == ByteClass.cr {
                    state = .sizeLF(value: value)
                } else {
                    guard byte != ByteClass.lf, ByteClass.isFieldValueChar(byte), length < Self.maxExtensionBytes else {
                        throw .malformed("A chunk extension is malformed.", code: "bad_chunk")
                    }
                    state = .extensions(value: value, length: length + 1)
                }
                i += 1
            case .sizeLF(let value):
                guard byte == ByteClass.lf else { throw .malformed("A chunk size line lacks its LF.", code: "bad_chunk") }
                state = value == 0 ? .trailerLineStart : .data(remaining: value)
                i += 1
            case .data(let remaining):
                let take = Int(min(Int64(count - i), remaining))
                try emit(UnsafeRawBufferPointer(rebasing: input[i..<(i + take)]))
                i += take
                state = remaining == Int64(take) ? .dataCR : .data(remaining: remaining - Int64(take))
            case .dataCR:
                guard byte == ByteClass.cr else { throw .malformed("Chunk data is longer than its size.", code: "bad_chunk") }
                state = .dataLF
                i += 1
            case .dataLF:
                guard byte == ByteClass.lf else { throw .malformed("Chunk data lacks its CRLF.", code: "bad_chunk") }
                state = .size(digits: 0, value: 0)
                i += 1
            case .trailerLineStart:
                state = byte == ByteClass.cr ? .trailerLF(empty: true) : .trailerLine
                try countTrailer()
                if byte == ByteClass.lf { throw .malformed("A trailer line ends in a bare LF.", code: "bare_lf") }
                i += 1
            case .trailerLine:
                if byte == ByteClass.cr {
                    state = .trailerLF(empty: false)
                } else if !ByteClass.isFieldValueChar(byte) {
                    throw .malformed("A trailer field is malformed.", code: "bad_chunk")
                }
                try countTrailer()
                i += 1
            case .trailerLF(let empty):
                guard byte == ByteClass.lf else { throw .malformed("A trailer line lacks its LF.", code: "bad_chunk") }
                i += 1
                if empty {
                    state = .done
                    return i
                }
                state = .trailerLineStart
            case .done:
                return i
            }
        }
        return i
    }

    private mutating func countTrailer() throws(HTTPError) {
        trailerBytes += 1
        if trailerBytes > Self.maxTrailerBytes { throw .headersTooLarge }
    }
}
