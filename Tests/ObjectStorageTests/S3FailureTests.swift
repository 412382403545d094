import Foundation
@testable import ObjectStorage
import Storage
import TestSupport
import XCTest

/// Every class of bad input the S3 store meets, each with a clear error: refused credentials,
/// missing bucket, wrong region, an unreachable endpoint, 503 storms, hangs, truncated
/// downloads and full quotas. Real SeaweedFS where it can produce the failure, the loopback
/// fault server in front of it (or alone) where it cannot.
final class S3FailureTests: XCTestCase {
    private func refusal(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected a refusal", file: file, line: line)
        } catch StorageError.blobStoreRefused(let reason) {
            return reason
        } catch {
            XCTFail("expected blobStoreRefused, got \(error)", file: file, line: line)
        }
        return ""
    }

    private func unavailability(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected the store to be unavailable", file: file, line: line)
        } catch StorageError.blobStoreUnavailable(let reason) {
            return reason
        } catch {
            XCTFail("expected blobStoreUnavailable, got \(error)", file: file, line: line)
        }
        return ""
    }

    func testWrongSecretIsRefusedWithSignatureDoesNotMatch() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, secretKey: "not-the-secret"), in: self)
        let put = refusal { _ = try store.put(data: Data("x".utf8)) }
        XCTAssertTrue(put.contains("SignatureDoesNotMatch") && put.contains("AWS_SECRET_ACCESS_KEY"), put)
        let check = refusal { try store.checkAccess() }
        XCTAssertTrue(check.contains("SignatureDoesNotMatch"), check)
        // HEAD answers carry no body; the client probes the bucket to say why.
        let head = refusal { _ = try store.head(BlobKey(hex: String(repeating: "1", count: 64))) }
        XCTAssertTrue(head.contains("SignatureDoesNotMatch"), head)
    }

    func testUnknownAccessKeyIsRefused() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, accessKey: "NOSUCHKEY"), in: self)
        let reason = refusal { try store.checkAccess() }
        XCTAssertTrue(reason.contains("InvalidAccessKeyId") && reason.contains("NOSUCHKEY"), reason)
    }

    func testReadOnlyKeyMayNotWrite() throws {
        let server = try S3Harness.server()
        let configuration = S3Harness.configuration(server, accessKey: S3TestServer.readerAccessKey, secretKey: S3TestServer.readerSecretKey)
        let store = try S3Harness.store(configuration, in: self)
        try store.checkAccess()
        let reason = refusal { _ = try store.put(data: Data("y".utf8)) }
        XCTAssertTrue(reason.contains("AccessDenied"), reason)
    }

    func testMissingBucketIsRefused() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, bucket: "no-such-bucket-here"), in: self)
        let check = refusal { try store.checkAccess() }
        XCTAssertTrue(check.contains("no-such-bucket-here does not exist (NoSuchBucket)"), check)
        let put = refusal { _ = try store.put(data: Data("z".utf8)) }
        XCTAssertTrue(put.contains("NoSuchBucket"), put)
    }

    func testWrongRegionNamesTheBucketsRegion() throws {
        // AWS answers a request signed for the wrong region with 400 AuthorizationHeaderMalformed
        // (and a path-style request to the wrong regional endpoint with 301); SeaweedFS has no
        // regions, so the fault server sends AWS's documents.
        let malformed = try S3FaultServer(script: [], then: .respond(status: 400, body: S3FaultServer.errorDocument(
            code: "AuthorizationHeaderMalformed", message: "the region 'us-east-1' is wrong; expecting 'eu-west-1'", extra: "<Region>eu-west-1</Region>")))
        defer { malformed.stop() }
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, port: malformed.port), in: self)
        let reason = refusal { _ = try store.put(data: Data("r".utf8)) }
        XCTAssertEqual(reason, "the S3 bucket is in region eu-west-1, not us-east-1: set AWS_REGION=eu-west-1")
        XCTAssertEqual(malformed.connections, 1, "a refusal is not retried")

        let redirect = try S3FaultServer(script: [], then: .respond(status: 301, headers: ["x-amz-bucket-region: eu-central-1"],
            body: S3FaultServer.errorDocument(code: "PermanentRedirect", message: "use the bucket's endpoint")))
        defer { redirect.stop() }
        let redirected = try S3Harness.store(S3Harness.configuration(server, port: redirect.port), in: self)
        let check = refusal { try redirected.checkAccess() }
        XCTAssertTrue(check.contains("region eu-central-1"), check)
    }

    func testClosedPortIsUnavailableAfterBoundedRetries() throws {
        let port = try LoopbackSocket.closedPort()
        var configuration = S3Harness.configuration(try S3Harness.server(), port: port)
        configuration.retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)
        let store = try S3Harness.store(configuration, in: self)
        let reason = unavailability { _ = try store.put(data: Data("u".utf8)) }
        XCTAssertTrue(reason.contains("http://127.0.0.1:\(port) cannot be reached") && reason.contains("after 3 attempts"), reason)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.temporaryFolder.path), [], "the spooled upload is removed")
    }

    func testA503StormThatEndsIsRiddenOut() throws {
        let server = try S3Harness.server()
        let slowDown = S3FaultServer.Behavior.respond(status: 503, body: S3FaultServer.errorDocument(code: "SlowDown", message: "Please reduce your request rate."))
        let fault = try S3FaultServer(script: [slowDown, slowDown, .respond(status: 500)], then: .forward(upstream: server.port))
        defer { fault.stop() }
        var configuration = S3Harness.configuration(server, port: fault.port)
        configuration.retry = RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.05)
        let store = try S3Harness.store(configuration, in: self)
        let stored = try store.put(data: Data("after the storm".utf8))
        XCTAssertTrue(stored.created)
        XCTAssertGreaterThanOrEqual(fault.connections, 4)
        let direct = try S3Harness.store(S3Harness.configuration(server, prefix: configuration.prefix), in: self)
        XCTAssertEqual(try direct.data(for: stored.key), Data("after the storm".utf8))
    }

    func testAnEndless503StormGivesUpWithAClearError() throws {
        let fault = try S3FaultServer(script: [], then: .respond(status: 503, body: S3FaultServer.errorDocument(code: "SlowDown", message: "Please reduce your request rate.")))
        defer { fault.stop() }
        var configuration = S3Harness.configuration(try S3Harness.server(), port: fault.port)
        configuration.retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.02)
        let store = try S3Harness.store(configuration, in: self)
        let reason = unavailability { _ = try store.put(data: Data("s".utf8)) }
        XCTAssertEqual(reason, "the S3 server kept failing with 503 SlowDown after 4 attempts")
        XCTAssertEqual(fault.connections, 4, "retries are bounded")
    }

    func testAHangingServerTimesOut() throws {
        let fault = try S3FaultServer(script: [], then: .hang)
        defer { fault.stop() }
        var configuration = S3Harness.configuration(try S3Harness.server(), port: fault.port)
        configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02)
        configuration.timeouts = S3Timeouts(connect: 1, stall: 1, request: 1.5)
        let store = try S3Harness.store(configuration, in: self)
        let started = Date()
        let reason = unavailability { _ = try store.head(BlobKey(hex: String(repeating: "2", count: 64))) }
        XCTAssertTrue(reason.contains("did not answer in time") && reason.contains("after 2 attempts"), reason)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testATruncatedDownloadIsAnErrorAndNeverCached() throws {
        let server = try S3Harness.server()
        let configuration = S3Harness.configuration(server)
        let writer = try S3Harness.store(configuration, in: self)
        let bytes = S3Harness.bytes(200_000, seed: 7)
        let stored = try writer.put(data: bytes)

        let fault = try S3FaultServer(script: [], then: .forwardTruncated(upstream: server.port, responseBytes: 50_000))
        defer { fault.stop() }
        var through = configuration
        through.endpoint = S3Endpoint(scheme: "http", host: "127.0.0.1", port: fault.port)
        let reader = try S3Harness.store(through, in: self)
        let reason = unavailability { _ = try reader.withLocalFile(stored.key) { $0 } }
        XCTAssertTrue(reason.contains("kept breaking off"), reason)
        XCTAssertEqual(reader.cache.keys, [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: reader.cache.directory.path), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: reader.temporaryFolder.path), [])
    }

    func testFullQuotaCodesOfOtherServersMeanStorageFull() throws {
        let server = try S3Harness.server()
        for (status, code) in [(403, "QuotaExceeded"), (507, "XMinioStorageFull"), (400, "EntityTooLarge")] {
            let fault = try S3FaultServer(script: [], then: .respond(status: status, body: S3FaultServer.errorDocument(code: code, message: "full")))
            defer { fault.stop() }
            let configuration = S3Harness.configuration(server, port: fault.port)
            let store = try S3Harness.store(configuration, in: self)
            XCTAssertThrowsError(try store.put(data: Data("q".utf8)), code) { error in
                XCTAssertEqual(error as? StorageError, .diskFull(path: configuration.location), code)
            }
            XCTAssertEqual(fault.connections, 1, "\(code) is not retried")
        }
    }

    func testSeaweedFSBucketOverItsQuotaRefusesWritesWithAClearError() throws {
        let server = try S3Harness.server()
        let bucket = "quota-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try server.shell("s3.bucket.create -name=\(bucket)")
        _ = try server.shell("s3.bucket.quota -name=\(bucket) -op=set -sizeMB=1")
        let store = try S3Harness.store(S3Harness.configuration(server, bucket: bucket), in: self)
        _ = try store.put(data: S3Harness.bytes(3 << 20, seed: 8))
        // The volume servers report sizes every few seconds; enforcement then makes the bucket
        // read-only, and SeaweedFS refuses writes with 500 InternalError, which we retry and
        // then report as an unavailable store.
        let deadline = Date().addingTimeInterval(40)
        var refusedWith: StorageError?
        var attempt: UInt64 = 0
        while Date() < deadline && refusedWith == nil {
            _ = try server.shell("s3.bucket.quota.enforce -apply")
            attempt += 1
            do {
                _ = try store.put(data: S3Harness.bytes(1000, seed: 100 + attempt))
                Thread.sleep(forTimeInterval: 1)
            } catch let error as StorageError {
                refusedWith = error
            }
        }
        guard case .blobStoreUnavailable(let reason) = try XCTUnwrap(refusedWith, "the quota was never enforced") else {
            return XCTFail("expected blobStoreUnavailable, got \(String(describing: refusedWith))")
        }
        XCTAssertTrue(reason.contains("kept failing with 500 InternalError after 3 attempts"), reason)
    }
}
