import Foundation
import Glibc
import HTTPServer
import TestSupport
import XCTest

/// `/healthz`, `/readyz`, the access log, streamed responses and listen-address parsing.
final class OperationsTests: XCTestCase {
    func testReadyzIs503NamingTheFailingCheck() throws {
        final class Flag: @unchecked Sendable {
            var modelLoaded = false
        }
        let flag = Flag()
        let server = try TestServer { configuration in
            configuration.readinessChecks = [
                ReadinessCheck("database") { true },
                ReadinessCheck("model") { flag.modelLoaded },
            ]
        }
        defer { server.stop() }
        let client = URLSessionClient()
        XCTAssertEqual(try client.get(server.baseURL + "/healthz").text, #"{"status":"ok"}"#)
        let notReady = try client.get(server.baseURL + "/readyz")
        XCTAssertEqual(notReady.status, 503)
        let body = try notReady.json()
        XCTAssertEqual(body["failed"] as? [String], ["model"])
        XCTAssertEqual((body["checks"] as? [String: String])?["database"], "ok")
        flag.modelLoaded = true
        let ready = try client.get(server.baseURL + "/readyz")
        XCTAssertEqual(ready.status, 200)
        XCTAssertEqual(try ready.json()["status"] as? String, "ready")
    }

    /// Runs one request against a server logging into a pipe and returns the request's log line.
    private func logLine(format: AccessLog.Format) throws -> String {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]) }
        let server = try TestServer(configure: { configuration in
            configuration.accessLog = AccessLog(format: format, fileDescriptor: fds[1])
        })
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /healthz?probe=1 HTTP/1.1\r\nHost: t\r\nX-Request-Id: req-log-1\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)
        server.stop()
        close(fds[1])
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n <= 0 { break }
            data += chunk[0..<n]
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        return String(try XCTUnwrap(lines.first { $0.contains("request") && $0.contains("healthz") }))
    }

    func testAccessLogWritesOneLogfmtLinePerRequest() throws {
        let line = try logLine(format: .logfmt)
        for field in ["method=GET", "path=/healthz", "status=200", "bytes=15", "request_id=req-log-1", "duration_ms="] {
            XCTAssertTrue(line.contains(field), "\(field) missing in \(line)")
        }
    }

    func testAccessLogCanWriteJSONLines() throws {
        let line = try logLine(format: .json)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["method"] as? String, "GET")
        XCTAssertEqual(object["path"] as? String, "/healthz")
        XCTAssertEqual(object["status"] as? Int, 200)
        XCTAssertEqual(object["bytes"] as? Int, 15)
        XCTAssertEqual(object["request_id"] as? String, "req-log-1")
        XCTAssertNotNil(object["duration_ms"] as? Double)
    }

    func testStreamedResponseIsChunkedAndComplete() throws {
        let server = try TestServer.serving { router in
            router.get("/v1/export") { _ in
                Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .stream(ResponseStream { writer in
                    for i in 0..<200 { try writer.write("line \(i)\n" + String(repeating: "x", count: 10_000) + "\n") }
                }))
            }
        }
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/export HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.header("Transfer-Encoding"), "chunked")
        let lines = response.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 400)
        XCTAssertEqual(lines[398], "line 199")
        // The connection stays usable after a streamed body.
        try connection.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)
    }

    func testListenAddressesParse() throws {
        XCTAssertEqual(try ListenAddress(parsing: "127.0.0.1:8080"), ListenAddress(host: "127.0.0.1", port: 8080))
        XCTAssertEqual(try ListenAddress(parsing: "[::1]:0"), ListenAddress(host: "::1", port: 0))
        XCTAssertEqual(try ListenAddress(parsing: ":9000"), ListenAddress(host: "0.0.0.0", port: 9000))
        XCTAssertEqual(try ListenAddress(parsing: "8081"), ListenAddress(host: "127.0.0.1", port: 8081))
        XCTAssertThrowsError(try ListenAddress(parsing: "host:99999"))
        XCTAssertThrowsError(try ListenAddress(parsing: "::1:80"))
        XCTAssertThrowsError(try ListenAddress(parsing: "localhost:http"))
    }

    func testBindingABusyPortFailsClearly() throws {
        let first = try TestServer()
        defer { first.stop() }
        var configuration = ServerConfiguration()
        configuration.port = first.port
        configuration.accessLog = AccessLog(format: .off)
        let second = HTTPServer(configuration: configuration, router: Router())
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertTrue("\(error)".contains("bind"), "\(error)")
        }
    }
}
