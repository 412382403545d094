import Foundation

/// One `GET /metrics` for `stylify admin stats`, through `BlockingHTTPClient`. Plain `http://host[:port]`
/// only; the operator's server listens on a private address, and TLS would sit in front of it.
struct MetricsScrape {
    /// Why the figures could not be fetched.
    enum Failure: Error, CustomStringConvertible {
        /// The URL is not `http://host[:port]`.
        case invalidURL(String)
        /// Name lookup, connect, send or receive failed, or the answer was not HTTP.
        case unreachable(url: String, reason: String)
        /// The server answered, but not with 200 and a body.
        case refused(url: String, status: Int, body: String)

        var description: String {
            switch self {
            case .invalidURL(let url): "invalid server URL \(url): expected http://host[:port]"
            case .unreachable(let url, let reason): "cannot reach the server at \(url): \(reason)"
            case .refused(let url, let status, let body): "\(url)/metrics answered \(status): \(body)"
            }
        }
    }

    let host: String
    let port: Int
    /// `http://host:port`, for messages.
    let url: String
    var timeoutSeconds: TimeInterval = 10

    init(url text: String) throws {
        var rest = Substring(text)
        guard rest.lowercased().hasPrefix("http://") else { throw Failure.invalidURL(text) }
        rest = rest.dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else { throw Failure.invalidURL(text) }
            rest = rest[..<slash]
        }
        var hostPart: Substring
        var portPart: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Failure.invalidURL(text) }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Failure.invalidURL(text) }
                portPart = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        } else {
            hostPart = rest
        }
        let port = portPart.map { Int($0) } ?? 80
        guard !hostPart.isEmpty, let port, (1...65535).contains(port) else { throw Failure.invalidURL(text) }
        host = String(hostPart)
        self.port = port
        url = host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// The body of `GET /metrics`.
    func fetch(token: String?) throws -> String {
        let client = BlockingHTTPClient(base: url, timeoutSeconds: timeoutSeconds)
        client.token = token
        let answer: BlockingHTTPClient.Answer
        do {
            answer = try client.send("GET", "/metrics")
        } catch let failure as BlockingHTTPClient.TransportFailure {
            throw Failure.unreachable(url: url, reason: failure.description)
        }
        let text = String(decoding: answer.body, as: UTF8.self)
        guard answer.status == 200 else { throw Failure.refused(url: url, status: answer.status, body: Self.problemDetail(text)) }
        return text
    }

    /// The `detail` of a problem document, or the body itself.
    private static func problemDetail(_ body: String) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let detail = object["detail"] as? String
        {
            return detail
        }
        return String(body.prefix(200))
    }
}
