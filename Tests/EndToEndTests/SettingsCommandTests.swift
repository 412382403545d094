import Foundation
import Storage
import TestSupport
import XCTest

/// `stylify serve`'s one settings root, through the real binary: every variable is in `--help`
/// and in README's Configuration table, an unusable flag exits 64 and an unusable variable 78,
/// each with one line naming it, and flags win over the environment.
final class SettingsCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("settings")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every variable the server reads, including the three the libraries used to read themselves.
    static let serveVariables = [
        "STYLIFY_LISTEN", "STYLIFY_DATA_DIR", "STYLIFY_DATABASE_URL", "STYLIFY_SCHEMA", "STYLIFY_MODELS", "STYLIFY_GALLERY", "STYLIFY_WEB_ROOT",
        "STYLIFY_IO_THREADS", "STYLIFY_WORKERS", "STYLIFY_VIDEO_SEGMENT_FRAMES", "STYLIFY_MAX_CONNECTIONS", "STYLIFY_CORS_ORIGINS", "STYLIFY_LOG_FORMAT",
        "STYLIFY_QUIET", "STYLIFY_OPERATOR_TOKEN", "STYLIFY_SWEEP_SECONDS", "STYLIFY_WEBHOOKS_ALLOW_PRIVATE", "STYLIFY_FETCH_ALLOW_HOSTS",
        "STYLIFY_THREADS", "STYLIFY_BLAS_THREADS", "STYLIFY_CODEC_THREADS",
        "STYLIFY_ROLE", "STYLIFY_BLOB_URL", "STYLIFY_S3_ENDPOINT", "STYLIFY_S3_ADDRESSING", "STYLIFY_S3_CACHE_MB", "STYLIFY_S3_PART_MB",
        "STYLIFY_PUBLIC_URL", "STYLIFY_SMTP_URL", "STYLIFY_SMTP_USERNAME", "STYLIFY_SMTP_PASSWORD", "STYLIFY_MAIL_FROM",
        "STYLIFY_MAIL_LOG", "STYLIFY_UNVERIFIED_FRAMES",
    ]

    func testEveryVariableIsInServeHelpAndInTheReadmeConfigurationTable() throws {
        let help = try StylifyProcess.run(["serve", "--help"])
        XCTAssertEqual(help.status, 0)
        let named = Set(Self.variables(in: help.stdout))
        XCTAssertEqual(named, Set(Self.serveVariables), "serve --help names exactly these variables")

        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## Configuration").dropFirst().first?
            .components(separatedBy: "\n## ").first, "README has a Configuration section")
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `STYLIFY_") }
        for variable in named {
            XCTAssertTrue(rows.contains { $0.contains("`\(variable)`") }, "\(variable) has a row in README's Configuration table")
        }
    }

    func testAnUnusableFlagExits64WithOneLineNamingIt() throws {
        let cases: [([String], String)] = [
            (["--io-threads", "0"], "--io-threads 0: must be a positive integer"),
            (["--listen", "localhost:http"], "--listen localhost:http: invalid port"),
            (["--log-format", "xml"], "--log-format xml: must be logfmt or json"),
            (["--codec-threads=-1"], "--codec-threads -1: must be an integer of at least 0"),
            (["--threads", "0"], "--threads 0: must be a positive integer"),
            (["--gallery", directory.appendingPathComponent("nowhere").path], "no such folder"),
            (["--web-root", directory.appendingPathComponent("nowhere").path], "is not a directory"),
        ]
        for (arguments, message) in cases {
            let outcome = try ServeProcess.runToExit(arguments + ["--data-dir", dataPath], in: directory)
            XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains("stylify serve: "), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, "one line: \(outcome.stderr)")
            XCTAssertFalse(outcome.stdout.contains("listening"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dataPath), "nothing is created before the settings are checked")
    }

    func testAnUnusableVariableExits78WithOneLineNamingIt() throws {
        let cases: [(String, String, String)] = [
            ("STYLIFY_IO_THREADS", "many", "STYLIFY_IO_THREADS=many: must be a positive integer"),
            ("STYLIFY_THREADS", "0", "STYLIFY_THREADS=0: must be a positive integer"),
            ("STYLIFY_CODEC_THREADS", "two", "STYLIFY_CODEC_THREADS=two: must be an integer of at least 0"),
            ("STYLIFY_BLAS_THREADS", "4", "STYLIFY_BLAS_THREADS=4: must be 1 (true, yes, on) or 0 (false, no, off)"),
            ("STYLIFY_QUIET", "maybe", "STYLIFY_QUIET=maybe: must be 1"),
            ("STYLIFY_SWEEP_SECONDS", "-5", "STYLIFY_SWEEP_SECONDS=-5: must be a positive integer"),
            ("STYLIFY_LISTEN", "nowhere:", "STYLIFY_LISTEN=nowhere:: invalid port"),
        ]
        for (variable, value, message) in cases {
            let outcome = try ServeProcess.runToExit(["--data-dir", dataPath], in: directory, environment: [variable: value])
            XCTAssertEqual(outcome.status, 78, "\(variable)=\(value): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains(message), "\(variable)=\(value): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, "one line: \(outcome.stderr)")
        }
    }

    func testAnUnusableOperatorTokenIsNamedButNeverRepeated() throws {
        let secret = "short-secret"
        let outcome = try ServeProcess.runToExit(["--data-dir", dataPath], in: directory, environment: ["STYLIFY_OPERATOR_TOKEN": secret])
        XCTAssertEqual(outcome.status, 78, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("STYLIFY_OPERATOR_TOKEN: it must be at least 16 characters"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.contains(secret), "the token is not echoed: \(outcome.stderr)")
    }

    func testAFlagWinsOverItsVariable() throws {
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", dataPath, "--models", Fixtures.models.path, "--io-threads", "1", "--quiet"],
            in: directory, environment: ["STYLIFY_LISTEN": "not-an-address", "STYLIFY_IO_THREADS": "many", "STYLIFY_WORKERS": "4"])
        XCTAssertEqual(try HTTPClient(port: serve.port).get("/healthz").status, 200)
        XCTAssertEqual(serve.stop(), 0)
    }

    /// Storage no longer reads `STYLIFY_SCHEMA`: the command line passes it down, to `serve` and
    /// to the operator commands alike.
    func testTheSchemaVariableReachesServeAndTheAdminCommands() throws {
        let nowhere = directory.appendingPathComponent("no-schema").path
        let serve = try ServeProcess.runToExit(["--data-dir", dataPath], in: directory, environment: ["STYLIFY_SCHEMA": nowhere])
        XCTAssertEqual(serve.status, 66, serve.stderr)
        XCTAssertTrue(serve.stderr.contains(nowhere), serve.stderr)

        try FileManager.default.createDirectory(atPath: dataPath, withIntermediateDirectories: true)
        _ = try Database(url: URL(fileURLWithPath: dataPath).appendingPathComponent("stylify.sqlite"),
                         configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        let admin = try StylifyProcess.run(["admin", "plans", "list", "--data-dir", dataPath], environment: ["STYLIFY_SCHEMA": nowhere])
        XCTAssertEqual(admin.status, 66, admin.stderr)
        XCTAssertTrue(admin.stderr.contains(nowhere), admin.stderr)
        let fine = try StylifyProcess.run(["admin", "plans", "list", "--data-dir", dataPath],
                                          environment: ["STYLIFY_SCHEMA": AccountsServer.schema.path])
        XCTAssertEqual(fine.status, 0, fine.stderr)
    }

    private var dataPath: String { directory.appendingPathComponent("data").path }

    private static func variables(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "STYLIFY_[A-Z0-9_]+[A-Z0-9]")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }
}
