import COpenSSL
import Foundation
import Storage

/// Hashes and verifies passwords with scrypt, in the self-describing format
/// `scrypt$<logN>$<r>$<p>$<salt base64>$<hash base64>`.
///
/// At most `concurrency` hashes run at once (each needs ~128 MiB at production cost); further
/// callers wait, so a burst of logins queues instead of exhausting memory.
public struct PasswordHasher: Sendable {
    public let parameters: ScryptParameters
    private let gate: Gate

    public init(parameters: ScryptParameters = .production, concurrency: Int = 2) {
        self.parameters = parameters
        self.gate = Gate(max(1, concurrency))
    }

    /// A new hash of `password` with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        let salt = try SecureRandom.bytes(parameters.saltLength)
        let key = try derive(password, salt: salt, parameters: parameters)
        return Self.encode(parameters: parameters, salt: salt, key: key)
    }

    /// True when `password` matches `encoded`. An unparseable stored hash verifies as false after
    /// doing the same work as a real check, so it does not stand out by timing either.
    public func verify(_ password: String, against encoded: String) throws -> Bool {
        guard let stored = Self.decode(encoded) else {
            _ = try hash(password)
            return false
        }
        let key = try derive(password, salt: stored.salt, parameters: stored.parameters)
        return ConstantTime.equal(key, stored.key)
    }

    /// True when `encoded` was made with weaker parameters than this hasher's (or is unreadable).
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.decode(encoded) else { return true }
        return stored.parameters.isWeaker(than: parameters)
    }

    private func derive(_ password: String, salt: [UInt8], parameters: ScryptParameters) throws -> [UInt8] {
        var key = [UInt8](repeating: 0, count: parameters.keyLength)
        let passwordBytes = Array(password.utf8)
        let ok = gate.run {
            passwordBytes.withUnsafeBufferPointer { passwordBuffer in
                passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                    EVP_PBE_scrypt(
                        passwordChars.baseAddress, passwordChars.count,
                        salt, salt.count,
                        UInt64(1) << UInt64(parameters.logN), UInt64(parameters.r), UInt64(parameters.p),
                        parameters.memoryLimit,
                        &key, key.count
                    )
                }
            }
        }
        guard ok == 1 else { throw AccountsError.cryptoFailure }
        return key
    }

    static func encode(parameters: ScryptParameters, salt: [UInt8], key: [UInt8]) -> String {
        ["scrypt", String(parameters.logN), String(parameters.r), String(parameters.p),
         Data(salt).base64EncodedString(), Data(key).base64EncodedString()].joined(separator: "$")
    }

    static func decode(_ encoded: String) -> (parameters: ScryptParameters, salt: [UInt8], key: [UInt8])? {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
              let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: String(parts[4])), let key = Data(base64Encoded: String(parts[5])),
              salt.count >= 16,
              // scrypt output is prefix-consistent, so a truncated hash would still "verify":
              // accept only the full length we write.
              key.count == ScryptParameters.production.keyLength
        else { return nil }
        var parameters = ScryptParameters(logN: logN, r: r, p: p)
        parameters.saltLength = salt.count
        parameters.keyLength = key.count
        guard parameters.isSane else { return nil }
        return (parameters, [UInt8](salt), [UInt8](key))
    }
}

extension PasswordHasher {
    /// A counting semaphore around the expensive part.
    final class Gate: @unchecked Sendable {
        private let semaphore: DispatchSemaphore

        init(_ count: Int) {
            semaphore = DispatchSemaphore(value: count)
        }

        func run<T>(_ body: () throws -> T) rethrows -> T {
            semaphore.wait()
            defer { semaphore.signal() }
            return try body()
        }
    }
}
