import Webhooks
import XCTest

/// The signature is the Standard Webhooks one, checked against the specification's published vector.
final class SignatureTests: XCTestCase {
    func testSignatureMatchesTheStandardWebhooksVector() throws {
        let signer = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let signature = signer.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        XCTAssertEqual(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    func testAnotherBodyOrTimestampGivesAnotherSignature() throws {
        let signer = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let reference = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
        XCTAssertNotEqual(signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_331, body: body), reference)
        XCTAssertNotEqual(signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body + [0x20]), reference)
    }

    func testASecretWithoutThePrefixOrNotBase64IsRefused() {
        XCTAssertThrowsError(try WebhookSigner(secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        XCTAssertThrowsError(try WebhookSigner(secret: "whsec_not base64!"))
        XCTAssertThrowsError(try WebhookSigner(secret: "whsec_"))
    }
}
