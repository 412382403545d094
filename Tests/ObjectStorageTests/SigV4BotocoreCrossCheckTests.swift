import Foundation
import ObjectStorage
import Storage
import TestSupport
import XCTest

/// Our signer and botocore's `S3SigV4Auth` on the same generated requests — keys with spaces,
/// Unicode and reserved characters, unsorted queries with empty values, headers with runs of
/// spaces, bodies and unsigned payloads, session tokens, several regions — must produce the same
/// `Authorization` header. S3-compatible servers don't check the body hash, so this and AWS's
/// published vectors are what keep the signer honest.
final class SigV4BotocoreCrossCheckTests: XCTestCase {
    private static let keyPieces = ["photo", " ", "é", "ü", "ሴ", "😀", "+", "%", "!", "*", "'", "(", ")", "~", "=", "&", "$", "@",
                                    ":", ",", ";", "/", "a//b", "-", "_", ".", "日本", "x y", "#", "?", "[", "]"]
    private static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"]

    private func generateCases(count: Int) -> [(BotocoreSigner.Case, SigV4Request, SigV4Payload, Date, SigV4Credentials)] {
        var random = SplitMix64(seed: 0x5167_0004)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func text(_ pieces: Int) -> String { (0..<pieces).map { _ in pick(Self.keyPieces) }.joined() }
        var cases: [(BotocoreSigner.Case, SigV4Request, SigV4Payload, Date, SigV4Credentials)] = []
        for index in 0..<count {
            let method = pick(["GET", "PUT", "HEAD", "DELETE", "POST"])
            let host = pick(["127.0.0.1:8333", "examplebucket.s3.amazonaws.com", "s3.eu-west-1.amazonaws.com", "localhost:9000"])
            let path = "/" + pick(["bucket/", "", "stylify/blobs/"]) + text(1 + Int(random.next() % 6))
            var query: [SigV4Request.Field] = []
            for position in 0..<Int(random.next() % 4) {
                let name = pick(["uploads", "partNumber", "uploadId", "prefix", "list-type", "continuation-token", "max-keys", "Zeta", "a b", "é"]) + "\(position)"
                query.append(.init(name, random.next() % 3 == 0 ? "" : text(Int(random.next() % 4))))
            }
            var headers: [SigV4Request.Field] = []
            if random.next() % 2 == 0 { headers.append(.init("Range", "bytes=\(random.next() % 1000)-\(1000 + random.next() % 1000)")) }
            if random.next() % 2 == 0 { headers.append(.init("Content-Type", pick(["application/octet-stream", "image/jpeg", "text/plain; charset=utf-8"]))) }
            if random.next() % 2 == 0 { headers.append(.init("If-None-Match", "*")) }
            if random.next() % 2 == 0 { headers.append(.init("X-Amz-Meta-Note", "  lots   of    spaces \(index)  ")) }
            let body = (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let unsigned = random.next() % 4 == 0
            let token = random.next() % 3 == 0 ? "FwoGZXIvYXdzE\(index)//token+/=" : nil
            let credentials = SigV4Credentials(accessKeyID: "AKIA\(index)EXAMPLE", secretAccessKey: "secret/\(index)+key=", sessionToken: token)
            let region = pick(Self.regions)
            let date = Date(timeIntervalSince1970: 1_600_000_000 + Double(random.next() % 200_000_000))
            let timestamp = AMZDate.timestamp(date)
            let payload: SigV4Payload = unsigned ? .unsigned : .sha256(SHA256Hasher.hex(body))
            let ours = SigV4Request(method: method, path: path, query: query, headers: [.init("Host", host)] + headers)
            let theirs = BotocoreSigner.Case(
                method: method, host: host, path: path, query: query.map { [$0.name, $0.value] }, headers: headers.map { [$0.name, $0.value] },
                bodyHex: body.map { String(format: "%02x", $0) }.joined(), unsigned: unsigned, accessKey: credentials.accessKeyID,
                secretKey: credentials.secretAccessKey, token: token, region: region, timestamp: timestamp)
            cases.append((theirs, ours, payload, date, credentials))
        }
        return cases
    }

    func testAuthorizationHeadersMatchBotocoreOnGeneratedRequests() throws {
        let cases = generateCases(count: 200)
        let expected: [String]
        do {
            expected = try BotocoreSigner.authorizations(cases.map(\.0))
        } catch let problem as BotocoreSigner.Unavailable {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw problem }
            throw XCTSkip("\(problem); run scripts/setup --s3-deps")
        }
        XCTAssertEqual(expected.count, cases.count)
        for ((theirs, request, payload, date, credentials), authorization) in zip(cases, expected) {
            let region = theirs.region
            let signed = SigV4Signer(credentials: credentials, region: region).sign(request, payload: payload, date: date)
            XCTAssertEqual(signed.header("Authorization"), authorization, "\(theirs.method) \(theirs.path) \(theirs.query)")
            XCTAssertEqual(signed.header("x-amz-content-sha256"), payload.value)
        }
    }
}
