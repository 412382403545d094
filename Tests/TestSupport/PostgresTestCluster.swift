import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests: Debian's server binaries (`/usr/lib/postgresql/*/bin`),
/// a cluster `initdb`'d into a temp dir, listening on 127.0.0.1 at a free port and on a Unix
/// socket inside that dir, with durability switched off (`fsync`, `synchronous_commit`,
/// `full_page_writes`) because test data is thrown away.
///
/// One cluster per test process (`shared()`), started on first use and stopped when the process
/// exits; each test makes its own database (`createDatabase`) and drops it. Run as root, the
/// server runs as the `postgres` user (`runuser`), which owns the temp dir. A cluster left behind
/// by a test process that was killed is stopped and removed by the next one that starts.
///
/// Clients log in over TCP as `user` with `password` (SCRAM); the superuser `postgres` is reached
/// over the socket only (`psql`), for set-up and fault injection.
public final class PostgresTestCluster: @unchecked Sendable {
    /// Why the cluster could not start, with the tool's own output.
    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The cluster's directory (data, socket, log).
    public let directory: URL
    public let port: Int
    /// The login role tests use (not a superuser; it may create databases).
    public let user = "stylify_test"
    public let password: String
    /// The folder of `initdb`, `pg_ctl`, `postgres`, `psql`.
    public let binaries: URL

    private var dataDirectory: URL { directory.appendingPathComponent("data") }
    private var logFile: URL { directory.appendingPathComponent("server.log") }
    private let lock = NSLock()
    private var databases: Set<String> = []
    private var stopped = false
    private static let counter = Counter()

    // MARK: The shared cluster

    nonisolated(unsafe) private static var sharedOutcome: Result<PostgresTestCluster, StartFailure>?
    private static let sharedLock = NSLock()

    /// The process's cluster, started on first call; later calls return it (or the first
    /// failure again, without retrying).
    public static func shared() throws -> PostgresTestCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let sharedOutcome { return try sharedOutcome.get() }
        let outcome: Result<PostgresTestCluster, StartFailure>
        do {
            outcome = .success(try PostgresTestCluster())
            atexit { PostgresTestCluster.stopSharedAtExit() }
        } catch let failure as StartFailure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(StartFailure(description: "\(error)"))
        }
        sharedOutcome = outcome
        return try outcome.get()
    }

    /// True when the environment says this is CI (`CI=true` or `CI=1`), where a cluster that
    /// cannot start must fail the tests instead of skipping them.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1"
    }

    private static func stopSharedAtExit() {
        sharedLock.lock()
        let cluster = try? sharedOutcome?.get()
        sharedLock.unlock()
        cluster?.stop()
    }

    // MARK: Start and stop

    /// Starts a new cluster (prefer `shared()`; a test that restarts or breaks the server may want
    /// its own).
    public init() throws {
        binaries = try Self.findBinaries()
        Self.removeAbandonedClusters(binaries: binaries)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-pg-\(UUID().uuidString.prefix(8))")
        password = "pw-" + UUID().uuidString
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try "\(getpid())\n".write(to: directory.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            // The server refuses to run as root; the postgres user must own what it writes.
            _ = try Self.run("/bin/chown", ["-R", "postgres:postgres", directory.path])
        }
        let superuserPassword = directory.appendingPathComponent("superuser-password")
        try UUID().uuidString.write(to: superuserPassword, atomically: true, encoding: .utf8)
        if geteuid() == 0 { _ = try Self.run("/bin/chown", ["postgres:postgres", superuserPassword.path]) }
        let initdb = try Self.runAsServerUser(binaries.appendingPathComponent("initdb").path, [
            "-D", directory.appendingPathComponent("data").path, "-U", "postgres", "--pwfile", superuserPassword.path,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
        ])
        guard initdb.status == 0 else {
            try? FileManager.default.removeItem(at: directory)
            throw StartFailure(description: "initdb failed (\(initdb.status)): \(initdb.output.suffix(2000))")
        }
        var lastFailure = ""
        for _ in 0..<3 {
            let candidate = try Self.freePort()
            let start = try Self.runAsServerUser(binaries.appendingPathComponent("pg_ctl").path, [
                "-D", directory.appendingPathComponent("data").path, "-l", directory.appendingPathComponent("server.log").path,
                "-w", "-t", "30", "-o", Self.serverOptions(port: candidate, socketDirectory: directory.path), "start",
            ])
            if start.status == 0 {
                port = candidate
                try createLoginRole()
                return
            }
            lastFailure = start.output + ((try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? "")
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartFailure(description: "pg_ctl start failed three times: \(lastFailure.suffix(2000))")
    }

    /// Stops the server (immediately: nothing is worth flushing) and removes its directory.
    public func stop() {
        lock.lock()
        guard !stopped else { lock.unlock(); return }
        stopped = true
        lock.unlock()
        _ = try? Self.runAsServerUser(binaries.appendingPathComponent("pg_ctl").path, ["-D", dataDirectory.path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Restarts the server (fast shutdown: every session is terminated), keeping port and data.
    public func restart() throws {
        let result = try Self.runAsServerUser(binaries.appendingPathComponent("pg_ctl").path, [
            "-D", dataDirectory.path, "-l", logFile.path, "-m", "fast", "-w", "-t", "30", "restart",
        ])
        guard result.status == 0 else { throw StartFailure(description: "pg_ctl restart failed: \(result.output)") }
    }

    // MARK: Databases

    /// A fresh database owned by `user` (empty, or a copy of `template`), as a `postgres://` URL;
    /// `label` makes its name readable in `pg_stat_activity`.
    ///
    /// - Parameter template: a database of this cluster to copy (no session may be connected to
    ///   it); nil: an empty one.
    public func createDatabase(_ label: String = "test", template: String? = nil) throws -> String {
        let cleaned = label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let name = "t_\(String(cleaned).prefix(30))_\(getpid())_\(Self.counter.next())"
        try psql("CREATE DATABASE \(name) OWNER \(user)" + (template.map { " TEMPLATE \($0) STRATEGY FILE_COPY" } ?? ""))
        lock.lock()
        databases.insert(name)
        lock.unlock()
        return url(database: name)
    }

    /// Drops a database made by `createDatabase`, disconnecting whoever is still connected.
    public func dropDatabase(url: String) {
        guard let name = url.split(separator: "/").last.map({ String($0.split(separator: "?")[0]) }) else { return }
        _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        lock.lock()
        databases.remove(name)
        lock.unlock()
    }

    /// The URL of `database` on this cluster, with the given credentials (default: the test role).
    public func url(database: String, user: String? = nil, password: String? = nil, port: Int? = nil) -> String {
        "postgres://\(user ?? self.user):\(password ?? self.password)@127.0.0.1:\(port ?? self.port)/\(database)"
    }

    /// Runs SQL as the superuser over the Unix socket and returns psql's unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try Self.run(binaries.appendingPathComponent("psql").path, [
            "-h", directory.path, "-p", String(port), "-U", "postgres", "-d", database,
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql,
        ])
        guard result.status == 0 else { throw StartFailure(description: "psql failed: \(result.output) (SQL: \(sql))") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func createLoginRole() throws {
        try psql("CREATE ROLE \(user) LOGIN CREATEDB PASSWORD '\(password)'")
    }

    // MARK: Helpers

    private static func serverOptions(port: Int, socketDirectory: String) -> String {
        [
            "-c listen_addresses=127.0.0.1", "-p \(port)", "-k \(socketDirectory)",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=200", "-c shared_buffers=32MB",
        ].joined(separator: " ")
    }

    /// The newest installed server version's binaries.
    private static func findBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions {
            let bin = root.appendingPathComponent("\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        throw StartFailure(description: "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql, or run scripts/setup)")
    }

    /// Clusters of test processes that died without stopping them (`owner.pid` names a process
    /// that no longer exists).
    private static func removeAbandonedClusters(binaries: URL) {
        let temp = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []
        for name in names where name.hasPrefix("stylify-pg-") {
            let directory = temp.appendingPathComponent(name)
            guard let text = try? String(contentsOf: directory.appendingPathComponent("owner.pid"), encoding: .utf8),
                  let owner = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  kill(owner, 0) != 0, errno == ESRCH
            else { continue }
            _ = try? runAsServerUser(binaries.appendingPathComponent("pg_ctl").path, [
                "-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop",
            ])
            try? FileManager.default.removeItem(at: directory)
        }
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartFailure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw StartFailure(description: "bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func runAsServerUser(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        geteuid() == 0
            ? try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
            : try run(executable, arguments)
    }

    /// Runs a tool to completion and returns its exit status and its stdout and stderr together.
    ///
    /// Not `Foundation.Process`: it watches for the child's exit through a descriptor the child
    /// inherits, and `pg_ctl start` leaves a server behind that inherits it too, so
    /// `waitUntilExit` would wait for the server to stop. Here the child gets only /dev/null
    /// and an output file (every other descriptor is closed), and `waitpid` waits for the tool
    /// alone.
    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-pg-run-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeFrom?(&actions, 3)
        Self.changeDirectory?(&actions, "/")
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw StartFailure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    // glibc's closefrom and chdir spawn actions (2.34+) sit behind _GNU_SOURCE, which the Glibc
    // module does not import, so they are looked up by name.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let closeFrom: CloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: CloseFrom.self) }
    private static let changeDirectory: ChangeDirectory? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: ChangeDirectory.self) }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
