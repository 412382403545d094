import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Signs requests with botocore's own `S3SigV4Auth` (the AWS SDK for Python's signer), an
/// implementation independent of ours, for cross-checking `Authorization` headers. Runs the
/// Python of `.build/s3-venv` (where `scripts/setup --s3-deps` installs a pinned botocore), else
/// the system's `python3`.
public enum BotocoreSigner {
    /// One request: raw (unencoded) path and query, headers without Host, body bytes as hex.
    public struct Case: Codable, Sendable {
        public var method: String
        public var host: String
        public var path: String
        public var query: [[String]]
        public var headers: [[String]]
        public var bodyHex: String
        public var unsigned: Bool
        public var accessKey: String
        public var secretKey: String
        public var token: String?
        public var region: String
        public var timestamp: String

        public init(method: String, host: String, path: String, query: [[String]], headers: [[String]], bodyHex: String,
                    unsigned: Bool, accessKey: String, secretKey: String, token: String?, region: String, timestamp: String) {
            self.method = method
            self.host = host
            self.path = path
            self.query = query
            self.headers = headers
            self.bodyHex = bodyHex
            self.unsigned = unsigned
            self.accessKey = accessKey
            self.secretKey = secretKey
            self.token = token
            self.region = region
            self.timestamp = timestamp
        }
    }

    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let script = """
    import datetime, json, sys, types
    from urllib.parse import quote
    import botocore.auth
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    out = []
    for case in json.load(sys.stdin):
        moment = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
        botocore.auth.get_current_datetime = lambda moment=moment: moment
        url = "http://" + case["host"] + quote(case["path"], safe="/~")
        headers = {"Host": case["host"]}
        headers.update({name: value for name, value in case["headers"]})
        request = AWSRequest(method=case["method"], url=url, headers=headers,
                             data=bytes.fromhex(case["bodyHex"]), params={k: v for k, v in case["query"]})
        request.context["client_config"] = types.SimpleNamespace(s3={"payload_signing_enabled": not case["unsigned"]})
        credentials = Credentials(case["accessKey"], case["secretKey"], case.get("token"))
        S3SigV4Auth(credentials, "s3", case["region"]).add_auth(request)
        out.append(request.headers["Authorization"])
    json.dump(out, sys.stdout)
    """

    /// The Python to run: the venv's when it has botocore, else the system's.
    public static var python: String {
        let venv = Fixtures.repositoryRoot.appendingPathComponent(".build/s3-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/env"
    }

    /// botocore's `Authorization` header for each case, in order.
    ///
    /// - Throws: `Unavailable` when no Python with botocore can be run.
    public static func authorizations(_ cases: [Case]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        // A Python that fails before reading its input must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let payload = try JSONEncoder().encode(cases)
        DispatchQueue.global().async {
            try? input.fileHandleForWriting.write(contentsOf: payload)
            try? input.fileHandleForWriting.close()
        }
        nonisolated(unsafe) var errorText = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorText = errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try? JSONDecoder().decode([String].self, from: data) else {
            throw Unavailable(description: "botocore could not sign (\(python)): \(String(decoding: errorText.suffix(600), as: UTF8.self))")
        }
        return result
    }
}
