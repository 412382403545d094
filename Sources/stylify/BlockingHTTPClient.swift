import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Blocking HTTP requests through URLSession (libcurl on Linux), as a client script would send
/// them; one kept-alive connection, so a timed request pays no TCP handshake. Used by
/// `bench stylize` and `admin stats`.
final class BlockingHTTPClient: @unchecked Sendable {
    /// The request got no HTTP answer (name lookup, connect, timeout, a malformed response).
    struct TransportFailure: Error, CustomStringConvertible {
        let description: String
    }

    struct Answer {
        let status: Int
        let body: Data

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw CommandFailure(message: "the server answered \(status) without a JSON object", code: .internalSoftware)
            }
            return object
        }
    }

    private let session: URLSession
    private let base: String
    var token: String?

    init(base: String, timeoutSeconds: TimeInterval = 120) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.httpMaximumConnectionsPerHost = 1
        session = URLSession(configuration: configuration)
        self.base = base
    }

    deinit { session.invalidateAndCancel() }

    func send(_ method: String, _ path: String, contentType: String? = nil, body: Data? = nil) throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: (Data?, URLResponse?, (any Error)?)
        session.dataTask(with: request) { data, response, error in
            outcome = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = outcome.2 { throw TransportFailure(description: "\(method) \(path): \(error.localizedDescription)") }
        guard let http = outcome.1 as? HTTPURLResponse else { throw TransportFailure(description: "\(method) \(path): no HTTP answer") }
        return Answer(status: http.statusCode, body: outcome.0 ?? Data())
    }

    func json(_ method: String, _ path: String, _ object: Any, expecting status: Int) throws -> [String: Any] {
        let answer = try send(method, path, contentType: "application/json", body: try JSONSerialization.data(withJSONObject: object))
        try answer.expect(status, method, path)
        return try answer.json()
    }
}

extension BlockingHTTPClient.Answer {
    func expect(_ expected: Int, _ method: String, _ path: String) throws {
        guard status == expected else {
            throw CommandFailure(
                message: "\(method) \(path) answered \(status), not \(expected): \(String(decoding: body, as: UTF8.self))", code: .internalSoftware)
        }
    }
}
