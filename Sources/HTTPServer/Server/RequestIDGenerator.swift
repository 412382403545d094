import Glibc

/// Cheap unique request ids: 15 hex characters (a Swift small string, so no allocation) made of a
/// random per-process prefix, the I/O thread's index and a per-thread counter.
struct RequestIDGenerator {
    private var counter: UInt32 = 0
    private let prefix: UInt64

    init(loopIndex: Int) {
        prefix = (UInt64.random(in: 0..<(1 << 20)) << 8) | UInt64(loopIndex & 0xFF)
    }

    mutating func next() -> String {
        counter &+= 1
        let value = (prefix << 32) | UInt64(counter)
        return String(unsafeUninitializedCapacity: 15) { out in
            var v = value
            for i in stride(from: 14, through: 0, by: -1) {
                let nibble = UInt8(v & 0xF)
                out[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                v >>= 4
            }
            return 15
        }
    }

    /// A client-supplied id is kept when it is short and plainly printable, so ids can be traced
    /// across services; anything else is replaced.
    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: ":"):
                return true
            default: return false
            }
        }
    }
}
