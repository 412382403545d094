import CCurl

/// The host and port of a URL as libcurl itself parses it. The SSRF check resolves and pins
/// exactly the host curl will connect to, so no difference between two URL parsers can send a
/// request somewhere that was not checked.
struct CurlURL {
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK else { return nil }
        guard let host = Self.part(handle, CURLUPART_HOST, flags: 0),
              let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) }) else {
            return nil
        }
        self.host = host
        self.port = port
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
