/// scrypt cost parameters. They are stored inside every hash, so raising them later only affects
/// new hashes (and old ones are upgraded at the next successful login).
public struct ScryptParameters: Sendable, Hashable {
    /// log2 of the CPU/memory cost N.
    public var logN: Int
    /// Block size r.
    public var r: Int
    /// Parallelisation p.
    public var p: Int
    public var saltLength: Int = 16
    public var keyLength: Int = 32

    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// N = 2^17, r = 8, p = 1: about 128 MiB and 100+ ms per hash (OWASP's scrypt minimum).
    public static let production = ScryptParameters(logN: 17, r: 8, p: 1)

    /// Cheap parameters for tests that hash many passwords. Never use in production.
    public static let testing = ScryptParameters(logN: 10, r: 8, p: 1)

    /// The memory scrypt needs, plus slack: OpenSSL refuses to run above its `maxmem`.
    var memoryLimit: UInt64 {
        let n = UInt64(1) << UInt64(logN)
        return 128 * UInt64(r) * (n + 2) + 128 * UInt64(r) * UInt64(p) + (1 << 20)
    }

    /// Bounds for parameters read back from the database: a tampered or corrupt hash must not be
    /// able to make a login allocate gigabytes.
    var isSane: Bool {
        (1...22).contains(logN) && (1...32).contains(r) && (1...16).contains(p)
    }

    /// True when `self` is weaker than `other` in any dimension.
    func isWeaker(than other: ScryptParameters) -> Bool {
        logN < other.logN || r < other.r || p < other.p
    }
}
