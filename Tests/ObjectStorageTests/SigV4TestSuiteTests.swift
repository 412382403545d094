import Foundation
import ObjectStorage
import Storage
import XCTest

/// AWS's published Signature Version 4 test suite ("aws-sig-v4-test-suite", as shipped with the
/// AWS SDKs): each case's request and the `Authorization` header AWS prints for it. Cases that
/// test path normalisation (`get-relative`, `get-slash-dot-slash`, …) are left out on purpose:
/// S3 must not normalise paths, and our signer is S3's.
final class SigV4TestSuiteTests: XCTestCase {
    private struct Case {
        let name: String
        var method = "GET"
        var path = "/"
        var query: [SigV4Request.Field] = []
        var headers: [SigV4Request.Field] = []
        var body = ""
        var token: String?
        let signature: String
        var signedHeaders = "host;x-amz-date"
    }

    private static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    private static let base: [SigV4Request.Field] = [.init("Host", "example.amazonaws.com"), .init("X-Amz-Date", "20150830T123600Z")]

    private static let cases: [Case] = [
        Case(name: "get-vanilla", headers: base, signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Case(name: "get-vanilla-query-order-key-case", query: [.init("Param2", "value2"), .init("Param1", "value1")], headers: base,
             signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Case(name: "get-vanilla-query-order-key", query: [.init("Param1", "value2"), .init("Param1", "Value1")], headers: base,
             signature: "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        Case(name: "get-vanilla-query-order-value", query: [.init("Param1", "value2"), .init("Param1", "value1")], headers: base,
             signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        Case(name: "get-vanilla-query-order-encoded",
             query: [.init("Param-3", "Value3"), .init("Param", "Value2"), .init("\u{1234}", "Value1")], headers: base,
             signature: "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
        Case(name: "get-vanilla-query-unreserved",
             query: [.init("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")],
             headers: base, signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Case(name: "get-vanilla-utf8-query", query: [.init("\u{1234}", "bar")], headers: base,
             signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Case(name: "get-vanilla-empty-query-key", query: [.init("Param1", "value1")], headers: base,
             signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        Case(name: "get-header-value-trim",
             headers: [base[0], .init("My-Header1", " value1"), .init("My-Header2", " \"a   b   c\""), base[1]],
             signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
             signedHeaders: "host;my-header1;my-header2;x-amz-date"),
        Case(name: "get-header-key-duplicate",
             headers: [base[0], .init("My-Header1", "value2"), .init("My-Header1", "value2"), .init("My-Header1", "value1"), base[1]],
             signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea", signedHeaders: "host;my-header1;x-amz-date"),
        Case(name: "get-header-value-order",
             headers: [base[0], .init("My-Header1", "value4"), .init("My-Header1", "value1"), .init("My-Header1", "value3"),
                       .init("My-Header1", "value2"), base[1]],
             signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01", signedHeaders: "host;my-header1;x-amz-date"),
        Case(name: "get-header-value-multiline", headers: [base[0], .init("My-Header1", "value1\n  value2\n     value3"), base[1]],
             signature: "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd", signedHeaders: "host;my-header1;x-amz-date"),
        Case(name: "get-utf8", path: "/\u{1234}", headers: base, signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Case(name: "get-unreserved", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", headers: base,
             signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Case(name: "get-space", path: "/example space/", headers: base,
             signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Case(name: "get-vanilla-with-session-token", headers: base,
             token: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
             signature: "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8", signedHeaders: "host;x-amz-date;x-amz-security-token"),
        Case(name: "post-vanilla", method: "POST", headers: base, signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Case(name: "post-vanilla-query", method: "POST", query: [.init("Param1", "value1")], headers: base,
             signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Case(name: "post-header-key-sort", method: "POST", headers: [base[0], .init("My-Header1", "value1"), base[1]],
             signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c", signedHeaders: "host;my-header1;x-amz-date"),
        Case(name: "post-header-value-case", method: "POST", headers: [base[0], .init("My-Header1", "VALUE1"), base[1]],
             signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d", signedHeaders: "host;my-header1;x-amz-date"),
        Case(name: "post-sts-header-before", method: "POST", headers: base,
             token: "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
             signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", signedHeaders: "host;x-amz-date;x-amz-security-token"),
        Case(name: "post-x-www-form-urlencoded", method: "POST",
             headers: [.init("Content-Type", "application/x-www-form-urlencoded")] + base, body: "Param1=value1",
             signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signedHeaders: "content-type;host;x-amz-date"),
        Case(name: "post-x-www-form-urlencoded-parameters", method: "POST",
             headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf8")] + base, body: "Param1=value1",
             signature: "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe", signedHeaders: "content-type;host;x-amz-date"),
    ]

    func testEveryPublishedCaseGetsThePublishedAuthorizationHeader() {
        for item in Self.cases {
            let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: item.token),
                                     region: "us-east-1", service: "service", sendsContentHashHeader: false)
            let request = SigV4Request(method: item.method, path: item.path, query: item.query, headers: item.headers)
            let signed = signer.sign(request, payload: .sha256(SHA256Hasher.hex(Array(item.body.utf8))), date: Date())
            XCTAssertEqual(signed.header("Authorization"),
                           "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(item.signedHeaders), Signature=\(item.signature)",
                           item.name)
        }
    }

    func testCanonicalRequestOfEncodedQueryOrderMatchesThePublishedOne() {
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret),
                                 region: "us-east-1", service: "service", sendsContentHashHeader: false)
        let request = SigV4Request(method: "GET", path: "/", query: [.init("Param-3", "Value3"), .init("Param", "Value2"), .init("\u{1234}", "Value1")],
                                   headers: Self.base)
        let (canonical, signed) = signer.canonicalRequest(for: request, payload: .empty)
        XCTAssertEqual(canonical, """
            GET
            /
            %E1%88%B4=Value1&Param=Value2&Param-3=Value3
            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        XCTAssertEqual(signed, "host;x-amz-date")
        XCTAssertEqual(signer.stringToSign(canonicalRequest: canonical, timestamp: "20150830T123600Z"), """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            \(SHA256Hasher.hex(Array(canonical.utf8)))
            """)
    }

    func testSigningKeyDerivationMatchesAWSExample() {
        // AWS's documented derivation example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
        // 20120215, us-east-1, iam.
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret),
                                 region: "us-east-1", service: "iam", sendsContentHashHeader: false)
        XCTAssertEqual(signer.signingKey(day: "20120215").map { String(format: "%02x", $0) }.joined(),
                       "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }
}
