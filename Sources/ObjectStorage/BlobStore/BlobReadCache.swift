import Common
import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Local copies of S3 blobs, for code that needs a file (decoders, `sendfile`) and for repeated
/// reads. Content addressing makes it always safe: a blob's bytes never change, so an entry can
/// only be missing, never stale.
///
/// Files are `<directory>/<sha256>`. An entry is trusted only once its bytes were hashed: a
/// download is verified before it is renamed in (a truncated download never appears), entries
/// found on disk at start-up are verified on first use, and an entry whose size or modification
/// time changed since is verified again; one that fails is deleted and fetched anew.
///
/// The cache holds at most `capacity` bytes, evicting the least recently used entries, except
/// those handed out within the last `evictionGrace` seconds (a caller may be about to open the
/// URL it just got); a single blob larger than the capacity still passes through.
final class BlobReadCache: Sendable {
    let directory: URL
    let capacity: Int64
    let evictionGrace: TimeInterval

    private struct Entry {
        var size: Int64
        var modified: timespec
        var verified: Bool
        var lastUse: UInt64
        var lastUseTime: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes: Int64 = 0
        var clock: UInt64 = 0

        mutating func tick() -> UInt64 {
            clock += 1
            return clock
        }
    }

    private let state = Locked(State())

    /// Indexes what a previous run left in `directory` (oldest modification first, as the
    /// least recently used), unverified.
    init(directory: URL, capacity: Int64, evictionGrace: TimeInterval = 30) throws {
        self.directory = directory
        self.capacity = capacity
        self.evictionGrace = evictionGrace
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError.blobIO(operation: "create folder", path: directory.path, message: error.localizedDescription)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var found: [(String, Int64, timespec)] = []
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard (try? BlobKey(hex: name)) != nil else {
                // A leftover of something else (an old temp file): not ours to keep.
                unlink(path)
                continue
            }
            if let (size, modified) = Self.status(path) { found.append((name, size, modified)) }
        }
        found.sort { ($0.2.tv_sec, $0.2.tv_nsec) < ($1.2.tv_sec, $1.2.tv_nsec) }
        state.withLock { state in
            for (name, size, modified) in found {
                state.entries[name] = Entry(size: size, modified: modified, verified: false, lastUse: state.tick(), lastUseTime: .distantPast)
                state.bytes += size
            }
        }
    }

    func path(for key: BlobKey) -> URL {
        directory.appendingPathComponent(key.hex)
    }

    /// The cached file for `key`, verified, or nil when there is none (or it was damaged and has
    /// been removed).
    func lookup(_ key: BlobKey) -> URL? {
        guard let entry = state.withLock({ $0.entries[key.hex] }) else { return nil }
        let url = path(for: key)
        guard let (size, modified) = Self.status(url.path) else {
            forget(key)
            return nil
        }
        let unchanged = size == entry.size && modified.tv_sec == entry.modified.tv_sec && modified.tv_nsec == entry.modified.tv_nsec
        if !(entry.verified && unchanged) {
            guard (try? SHA256Hasher.hex(ofFile: url)) == key.hex else {
                remove(key)
                return nil
            }
        }
        state.withLock { state in
            guard var current = state.entries[key.hex] else { return }
            state.bytes += size - current.size
            current.size = size
            current.modified = modified
            current.verified = true
            current.lastUse = state.tick()
            current.lastUseTime = Date()
            state.entries[key.hex] = current
        }
        return url
    }

    /// Moves a verified file (on the same file system) in as `key`'s entry, then evicts down to
    /// the capacity. Returns the entry's URL.
    ///
    /// - Throws: `StorageError.blobIO` when the rename fails.
    @discardableResult
    func insert(verifiedFile file: URL, key: BlobKey, size: Int64) throws -> URL {
        let target = path(for: key)
        guard rename(file.path, target.path) == 0 else { throw FileSink.error("rename", target.path) }
        admit(key, size: size)
        return target
    }

    /// Gives a verified file that must stay where it is a second name in the cache (a hard link);
    /// false when linking is impossible (another file system).
    @discardableResult
    func link(verifiedFile file: URL, key: BlobKey, size: Int64) -> Bool {
        let target = path(for: key)
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).link")
        guard Glibc.link(file.path, temporary.path) == 0 else { return false }
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            return false
        }
        admit(key, size: size)
        return true
    }

    /// Deletes `key`'s entry and file.
    func remove(_ key: BlobKey) {
        let file = path(for: key).path
        state.withLock { state in
            if let entry = state.entries.removeValue(forKey: key.hex) { state.bytes -= entry.size }
            // Under the lock, so a concurrent insert of the same key cannot lose its new file.
            unlink(file)
        }
    }

    /// Bytes held now.
    var bytes: Int64 { state.withLock { $0.bytes } }

    /// Keys held now, for tests and diagnostics.
    var keys: Set<String> { state.withLock { Set($0.entries.keys) } }

    private func forget(_ key: BlobKey) {
        state.withLock { state in
            if let entry = state.entries.removeValue(forKey: key.hex) { state.bytes -= entry.size }
        }
    }

    private func admit(_ key: BlobKey, size: Int64) {
        let modified = Self.status(path(for: key).path)?.1 ?? timespec()
        let now = Date()
        state.withLock { state in
            if let old = state.entries[key.hex] { state.bytes -= old.size }
            state.entries[key.hex] = Entry(size: size, modified: modified, verified: true, lastUse: state.tick(), lastUseTime: now)
            state.bytes += size
            let candidates = state.entries
                .filter { $0.key != key.hex && now.timeIntervalSince($0.value.lastUseTime) >= evictionGrace }
                .sorted { $0.value.lastUse < $1.value.lastUse }
            for (name, entry) in candidates where state.bytes > capacity {
                state.entries[name] = nil
                state.bytes -= entry.size
                unlink(directory.appendingPathComponent(name).path)
            }
        }
    }

    private static func status(_ path: String) -> (Int64, timespec)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int64(info.st_size), info.st_mtim)
    }
}
