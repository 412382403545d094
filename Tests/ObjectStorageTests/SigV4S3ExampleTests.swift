import Foundation
@testable import ObjectStorage
import Storage
import XCTest

/// The four worked examples of AWS's S3 documentation, "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk" (examplebucket, 24 May 2013):
/// the signatures printed there, reproduced through the signer and through the S3 client's own
/// request building (encoding, headers, addressing).
final class SigV4S3ExampleTests: XCTestCase {
    private static let credentials = SigV4Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                                      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    private static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    private static let host = SigV4Request.Field("Host", "examplebucket.s3.amazonaws.com")
    private let signer = SigV4Signer(credentials: credentials, region: "us-east-1")

    private func signature(_ request: SigV4Request, payload: SigV4Payload) -> String? {
        signer.sign(request, payload: payload, date: Self.date).header("Authorization")
    }

    private func expected(_ signedHeaders: String, _ signature: String) -> String {
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    func testGetObjectWithRange() {
        let request = SigV4Request(method: "GET", path: "/test.txt", headers: [Self.host, .init("Range", "bytes=0-9")])
        XCTAssertEqual(signature(request, payload: .empty),
                       expected("host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
    }

    func testPutObjectWithDollarInKey() {
        let body = Array("Welcome to Amazon S3.".utf8)
        let hash = SHA256Hasher.hex(body)
        XCTAssertEqual(hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Request(method: "PUT", path: "/test$file.text",
                                   headers: [.init("Date", "Fri, 24 May 2013 00:00:00 GMT"), Self.host, .init("x-amz-storage-class", "REDUCED_REDUNDANCY")])
        XCTAssertEqual(signature(request, payload: .sha256(hash)),
                       expected("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class", "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
        let (canonical, _) = signer.canonicalRequest(for: signer.sign(request, payload: .sha256(hash), date: Self.date), payload: .sha256(hash))
        XCTAssertTrue(canonical.hasPrefix("PUT\n/test%24file.text\n\n"), canonical)
    }

    func testGetBucketLifecycleQueryWithoutValue() {
        let request = SigV4Request(method: "GET", path: "/", query: [.init("lifecycle", "")], headers: [Self.host])
        XCTAssertEqual(signature(request, payload: .empty),
                       expected("host;x-amz-content-sha256;x-amz-date", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
    }

    func testListObjectsQueryIsSorted() {
        let request = SigV4Request(method: "GET", path: "/", query: [.init("prefix", "J"), .init("max-keys", "2")], headers: [Self.host])
        XCTAssertEqual(signature(request, payload: .empty),
                       expected("host;x-amz-content-sha256;x-amz-date", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    func testClientBuildsTheDocumentedRangedGetInVirtualHostStyle() {
        let configuration = S3Configuration(bucket: "examplebucket", endpoint: .aws(region: "us-east-1").withHost("s3.amazonaws.com"),
                                            credentials: Self.credentials, addressing: .virtual)
        let client = S3Client(configuration: configuration)
        var request = S3Client.Request(operation: "GET object", method: "GET", key: "test.txt")
        request.headers = [.init("Range", "bytes=0-9")]
        let exchange = client.exchange(for: request, date: Self.date)
        XCTAssertEqual(exchange.url, "https://examplebucket.s3.amazonaws.com/test.txt")
        XCTAssertTrue(exchange.headers.contains("Host: examplebucket.s3.amazonaws.com"))
        XCTAssertTrue(exchange.headers.contains("x-amz-content-sha256: \(SigV4Payload.emptySHA256)"))
        XCTAssertTrue(exchange.headers.contains(expected("host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
            .replacingOccurrences(of: "AWS4", with: "Authorization: AWS4")), "\(exchange.headers)")
    }

    func testPathStyleKeepsThePortAndEncodesTheKeyOnce() {
        let configuration = S3Configuration(bucket: "stylify", endpoint: S3Endpoint(scheme: "http", host: "127.0.0.1", port: 8333),
                                            credentials: Self.credentials)
        let client = S3Client(configuration: configuration)
        let request = S3Client.Request(operation: "GET object", method: "GET", key: "a b/c+d%e//é.txt")
        let exchange = client.exchange(for: request, date: Self.date)
        XCTAssertEqual(exchange.url, "http://127.0.0.1:8333/stylify/a%20b/c%2Bd%25e//%C3%A9.txt")
        XCTAssertTrue(exchange.headers.contains("Host: 127.0.0.1:8333"))
    }
}

private extension S3Endpoint {
    func withHost(_ host: String) -> S3Endpoint {
        S3Endpoint(scheme: scheme, host: host, port: port)
    }
}
