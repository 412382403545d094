import Foundation
import ObjectStorage
import Storage
import TestSupport
import XCTest

/// The S3 test server and stores on it (`S3TestServer.sharedOrSkip`: skipped without a server,
/// failed under CI).
enum S3Harness {
    static func server() throws -> S3TestServer {
        try S3TestServer.sharedOrSkip()
    }

    /// Fast retries, so tests of failure paths take milliseconds.
    static let quickRetry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)

    /// A configuration for the test server with a fresh prefix, so tests never see each other's blobs.
    static func configuration(_ server: S3TestServer, prefix: String = "t-\(UUID().uuidString.prefix(8))",
                              accessKey: String = S3TestServer.accessKey, secretKey: String = S3TestServer.secretKey,
                              bucket: String = S3TestServer.bucket, region: String = "us-east-1",
                              port: Int? = nil, partSize: Int = S3Configuration.defaultPartSize,
                              cacheBytes: Int64 = S3Configuration.defaultCacheBytes,
                              retry: RetryPolicy = quickRetry, timeouts: S3Timeouts = S3Timeouts(connect: 2, stall: 5, request: 60)) -> S3Configuration {
        S3Configuration(bucket: bucket, prefix: prefix, endpoint: S3Endpoint(scheme: "http", host: "127.0.0.1", port: port ?? server.port),
                        region: region, credentials: SigV4Credentials(accessKeyID: accessKey, secretAccessKey: secretKey),
                        addressing: .path, partSize: partSize, cacheBytes: cacheBytes, retry: retry, timeouts: timeouts)
    }

    /// A store on `configuration` with its own local folder (removed by the test's teardown).
    static func store(_ configuration: S3Configuration, evictionGrace: TimeInterval = 0, in test: XCTestCase) throws -> S3BlobStore {
        let local = try Fixtures.temporaryDirectory("s3-local")
        test.addTeardownBlock { try? FileManager.default.removeItem(at: local) }
        return try S3BlobStore(configuration: configuration, localDirectory: local, evictionGrace: evictionGrace)
    }

    /// Deterministic pseudo-random bytes (incompressible, unlike repeated patterns).
    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        var data = Data(count: count)
        data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            var index = 0
            while index < count {
                var word = generator.next()
                for _ in 0..<min(8, count - index) {
                    buffer[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
        }
        return data
    }

    static func sha256(_ data: Data) -> String {
        SHA256Hasher.hex([UInt8](data))
    }
}
