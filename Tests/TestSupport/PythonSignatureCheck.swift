import Foundation

/// Verifies a Standard Webhooks signature with Python's standard library (`hmac`, `hashlib`,
/// `base64`): an implementation independent of ours, as a receiver would write it.
public enum PythonSignatureCheck {
    static let script = """
    import base64, hashlib, hmac, sys
    secret, msg_id, timestamp, body_path, header = sys.argv[1:6]
    key = base64.b64decode(secret[len("whsec_"):])
    body = open(body_path, "rb").read()
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [part.split(",", 1)[1] for part in header.split(" ") if part.startswith("v1,")]
    sys.exit(0 if any(hmac.compare_digest(expected, g) for g in given) else 1)
    """

    /// True when python3 computes the same signature from the secret, id, timestamp and body.
    public static func verify(secret: String, id: String, timestamp: String, body: [UInt8], signatureHeader: String) throws -> Bool {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stylify-webhook-body-\(UUID().uuidString)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, secret, id, timestamp, file.path, signatureHeader]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
