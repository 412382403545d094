import Foundation
import Glibc

extension OperatorToken {
    /// Where a token came from, for the start-up log line.
    public enum Source: Sendable, Equatable {
        case configured
        case createdFile(path: String)
        case existingFile(path: String)
    }

    /// The token in `<directory>/operator-token`, created (mode 0600, 256 random bits) when missing,
    /// so that a server started without `--operator-token` keeps the same token across restarts.
    public static func loadOrCreate(in directory: URL) throws -> (token: OperatorToken, source: Source) {
        let path = directory.appendingPathComponent(fileName).path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            guard errno == EEXIST else {
                throw Failure.cannotCreateFile(path: path, reason: String(cString: strerror(errno)))
            }
            return (try read(from: path), .existingFile(path: path))
        }
        let token = generate()
        let bytes = Array((token.value + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            let reason = String(cString: strerror(errno))
            unlink(path)  // a half-written file would be read back as a different token
            throw Failure.cannotCreateFile(path: path, reason: reason)
        }
        return (token, .createdFile(path: path))
    }

    /// Whether only the file's owner may read or write it (no group or other permission bits); a
    /// token file others can read is worth a warning, since the token opens `/metrics`.
    public static func isOwnerOnly(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & 0o077 == 0
    }

    /// Reads a token file written by `loadOrCreate` or by an operator (surrounding whitespace ignored).
    public static func read(from path: String) throws -> OperatorToken {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure.unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Failure.unreadableFile(path: path, reason: "the file is empty") }
        do {
            return try OperatorToken(trimmed)
        } catch Failure.unusable(let reason) {
            throw Failure.unreadableFile(path: path, reason: reason)
        }
    }
}
