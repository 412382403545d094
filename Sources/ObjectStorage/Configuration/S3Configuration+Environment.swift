import Foundation

extension S3Configuration {
    /// The variables read, in one place for `--help` texts and docs.
    public enum Variable {
        public static let blobURL = "STYLIFY_BLOB_URL"
        public static let endpoint = "STYLIFY_S3_ENDPOINT"
        public static let addressing = "STYLIFY_S3_ADDRESSING"
        public static let cacheMegabytes = "STYLIFY_S3_CACHE_MB"
        public static let partMegabytes = "STYLIFY_S3_PART_MB"
        public static let accessKeyID = "AWS_ACCESS_KEY_ID"
        public static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
        public static let sessionToken = "AWS_SESSION_TOKEN"
        public static let region = "AWS_REGION"
    }

    /// Reads `STYLIFY_BLOB_URL=s3://bucket/prefix` with `STYLIFY_S3_ENDPOINT`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION` (default `us-east-1`), `AWS_SESSION_TOKEN`,
    /// `STYLIFY_S3_ADDRESSING=path|virtual` (path when an endpoint is given, else virtual),
    /// `STYLIFY_S3_CACHE_MB` (default 1024) and `STYLIFY_S3_PART_MB` (default 16).
    /// Without an endpoint, AWS's regional endpoint is used.
    ///
    /// - Returns: nil when `STYLIFY_BLOB_URL` is unset or empty (blobs stay on local disk).
    /// - Throws: `S3ConfigurationError` naming the variable that is wrong.
    public init?(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        guard let url = value(Variable.blobURL) else { return nil }
        let (bucket, prefix) = try Self.parseBlobURL(url)

        let region = value(Variable.region) ?? "us-east-1"
        guard Self.isValidRegion(region) else {
            throw S3ConfigurationError(variable: Variable.region, "AWS_REGION must be a region name such as us-east-1 (lower-case letters, digits and dashes), not '\(region)'")
        }
        guard let accessKey = value(Variable.accessKeyID), let secret = value(Variable.secretAccessKey) else {
            let missing = [Variable.accessKeyID, Variable.secretAccessKey].filter { value($0) == nil }
            throw S3ConfigurationError(variable: missing[0], "STYLIFY_BLOB_URL selects S3 storage, which needs \(missing.joined(separator: " and ")) to be set")
        }
        let endpoint = try value(Variable.endpoint).map(Self.parseEndpoint) ?? .aws(region: region)

        let addressing: S3Addressing
        if let text = value(Variable.addressing) {
            guard let parsed = S3Addressing(rawValue: text.lowercased()) else {
                throw S3ConfigurationError(variable: Variable.addressing, "STYLIFY_S3_ADDRESSING must be path or virtual, not '\(text)'")
            }
            addressing = parsed
        } else {
            addressing = value(Variable.endpoint) == nil ? .virtual : .path
        }
        if addressing == .virtual {
            guard !endpoint.isIPAddress else {
                throw S3ConfigurationError(variable: Variable.addressing, "virtual-host addressing puts the bucket in the host name, which is impossible with the address \(endpoint.host) in STYLIFY_S3_ENDPOINT; use STYLIFY_S3_ADDRESSING=path")
            }
            guard !(bucket.contains(".") && endpoint.scheme == "https") else {
                throw S3ConfigurationError(variable: Variable.addressing, "the bucket \(bucket) has dots, which break TLS certificate checks with virtual-host addressing; use STYLIFY_S3_ADDRESSING=path")
            }
        }
        let cacheMegabytes = try Self.positiveInteger(value(Variable.cacheMegabytes), variable: Variable.cacheMegabytes, default: Int(Self.defaultCacheBytes >> 20), minimum: 1)
        let partMegabytes = try Self.positiveInteger(value(Variable.partMegabytes), variable: Variable.partMegabytes, default: Self.defaultPartSize >> 20, minimum: 5)
        guard partMegabytes <= 5120 else {
            throw S3ConfigurationError(variable: Variable.partMegabytes, "STYLIFY_S3_PART_MB must be at most 5120 (S3's largest part is 5 GiB), not \(partMegabytes)")
        }

        self.init(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region,
                  credentials: SigV4Credentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: value(Variable.sessionToken)),
                  addressing: addressing, partSize: partMegabytes << 20, cacheBytes: Int64(cacheMegabytes) << 20)
    }

    /// `s3://bucket` or `s3://bucket/some/prefix/`.
    static func parseBlobURL(_ text: String) throws -> (bucket: String, prefix: String) {
        guard text.lowercased().hasPrefix("s3://") else {
            throw S3ConfigurationError(variable: Variable.blobURL, "STYLIFY_BLOB_URL must look like s3://bucket/prefix, not '\(text)'")
        }
        let rest = text.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        let prefix = String(rest.dropFirst(bucket.count)).trimmingSlashes()
        guard isValidBucket(bucket) else {
            throw S3ConfigurationError(variable: Variable.blobURL, "'\(bucket)' in STYLIFY_BLOB_URL is not a valid bucket name (3 to 63 lower-case letters, digits, dots and dashes, starting and ending with a letter or digit)")
        }
        guard !prefix.contains("//"), prefix.utf8.count <= 512, !prefix.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw S3ConfigurationError(variable: Variable.blobURL, "the prefix '\(prefix)' in STYLIFY_BLOB_URL must be at most 512 bytes without empty segments or control characters")
        }
        return (bucket, prefix)
    }

    /// `http://host[:port]` or `https://host[:port]`, nothing after the authority but `/`.
    static func parseEndpoint(_ text: String) throws -> S3Endpoint {
        let problem = S3ConfigurationError(variable: Variable.endpoint, "STYLIFY_S3_ENDPOINT must be http://host[:port] or https://host[:port] without a path, not '\(text)'")
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil,
              components.user == nil, components.password == nil else {
            throw problem
        }
        if let port = components.port, !(1...65535).contains(port) { throw problem }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let defaultPort = scheme == "https" ? 443 : 80
        return S3Endpoint(scheme: scheme, host: bareHost.lowercased(), port: components.port == defaultPort ? nil : components.port)
    }

    static func isValidBucket(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }
        guard alphanumeric(bytes.first!), alphanumeric(bytes.last!), !name.contains("..") else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    static func isValidRegion(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    private static func positiveInteger(_ text: String?, variable: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let text else { return fallback }
        guard let number = Int(text), number >= minimum else {
            throw S3ConfigurationError(variable: variable, "\(variable) must be a whole number of MiB, at least \(minimum), not '\(text)'")
        }
        return number
    }
}
