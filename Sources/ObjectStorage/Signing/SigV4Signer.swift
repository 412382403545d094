import Foundation
import Storage

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256` in the `Authorization` header), computed with
/// OpenSSL's HMAC-SHA256 and SHA-256. libcurl's own `CURLOPT_AWS_SIGV4` is not used: it sends no
/// `x-amz-content-sha256` and does not canonicalise the query, which S3 requires.
///
/// The steps are AWS's: canonical request (method, encoded path, sorted encoded query, lower-cased
/// trimmed headers, signed-header list, payload hash) → string to sign (algorithm, timestamp,
/// scope, SHA-256 of the canonical request) → signature with a key derived from the secret, the
/// day, the region and the service.
public struct SigV4Signer: Sendable {
    public let credentials: SigV4Credentials
    public let region: String
    public let service: String
    /// S3 wants the payload hash as the `x-amz-content-sha256` header too; other services don't.
    public let sendsContentHashHeader: Bool

    /// A signer for S3 in `region`.
    public init(credentials: SigV4Credentials, region: String) {
        self.init(credentials: credentials, region: region, service: "s3", sendsContentHashHeader: true)
    }

    public init(credentials: SigV4Credentials, region: String, service: String, sendsContentHashHeader: Bool) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.sendsContentHashHeader = sendsContentHashHeader
    }

    /// `request` with `x-amz-date`, `x-amz-content-sha256` (S3), `x-amz-security-token` (when the
    /// credentials have one) and `Authorization` added; headers the request already carries under
    /// those names are kept as they are.
    public func sign(_ request: SigV4Request, payload: SigV4Payload, date: Date) -> SigV4Request {
        var signed = request
        let timestamp = request.header("x-amz-date") ?? AMZDate.timestamp(date)
        if request.header("x-amz-date") == nil {
            signed.headers.append(.init("x-amz-date", timestamp))
        }
        if sendsContentHashHeader, request.header("x-amz-content-sha256") == nil {
            signed.headers.append(.init("x-amz-content-sha256", payload.value))
        }
        if let token = credentials.sessionToken, request.header("x-amz-security-token") == nil {
            signed.headers.append(.init("x-amz-security-token", token))
        }
        signed.headers.append(.init("Authorization", authorization(for: signed, payload: payload, timestamp: timestamp)))
        return signed
    }

    /// The `Authorization` value for a request that already carries every header to sign.
    public func authorization(for request: SigV4Request, payload: SigV4Payload, timestamp: String) -> String {
        let (canonical, signedHeaders) = canonicalRequest(for: request, payload: payload)
        let day = String(timestamp.prefix(8))
        let toSign = stringToSign(canonicalRequest: canonical, timestamp: timestamp)
        let signature = SHA256Hex.of(HMACSHA256.authenticationCode(key: signingKey(day: day), message: Array(toSign.utf8)))
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(day: day)), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The canonical request and the `;`-joined signed header names.
    public func canonicalRequest(for request: SigV4Request, payload: SigV4Payload) -> (String, String) {
        var names: [String] = []
        var values: [String: [String]] = [:]
        for field in request.headers {
            let name = field.name.lowercased().trimmingCharacters(in: .whitespaces)
            if name == "authorization" { continue }
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(Self.trimmed(field.value))
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let headerLines = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonical = [
            request.method.uppercased(),
            SigV4Encoding.path(request.path),
            SigV4Encoding.canonicalQuery(request.query),
            headerLines,
            signedHeaders,
            payload.value,
        ].joined(separator: "\n")
        return (canonical, signedHeaders)
    }

    /// `AWS4-HMAC-SHA256`, the timestamp, the scope and the hex SHA-256 of the canonical request.
    public func stringToSign(canonicalRequest: String, timestamp: String) -> String {
        ["AWS4-HMAC-SHA256", timestamp, scope(day: String(timestamp.prefix(8))), SHA256Hasher.hex(Array(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// `<yyyymmdd>/<region>/<service>/aws4_request`.
    public func scope(day: String) -> String {
        "\(day)/\(region)/\(service)/aws4_request"
    }

    /// HMAC chain `"AWS4" + secret` → day → region → service → `aws4_request`.
    public func signingKey(day: String) -> [UInt8] {
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = HMACSHA256.authenticationCode(key: key, message: Array(part.utf8))
        }
        return key
    }

    /// Leading and trailing whitespace removed, inner runs of whitespace (folded lines too)
    /// collapsed to one space.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
