extension InProcessClient {
    /// Sends one well-formed HTTP/1.1 request built from its parts (`Host: in-process`, and
    /// `Content-Length` when there is a body) and returns its final response, after any interim one;
    /// nil when none came (the connection waits for more, or closed without answering).
    public func request(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) -> InProcessResponse? {
        var head = "\(method.rawValue) \(target) HTTP/1.1\r\n"
        if !headers.contains("Host") { head += "Host: in-process\r\n" }
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        if !body.isEmpty, !headers.contains("Content-Length"), !headers.contains("Transfer-Encoding") {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return send(Array(head.utf8) + body).last { $0.status >= 200 }
    }
}
