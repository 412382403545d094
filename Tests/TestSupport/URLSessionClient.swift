import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Synchronous requests through URLSession (libcurl on Linux), as a real HTTP client would send them.
public final class URLSessionClient: @unchecked Sendable {
    public struct Result {
        public let response: HTTPURLResponse
        public let body: Data
        public var status: Int { response.statusCode }
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { response.value(forHTTPHeaderField: name) }
        public func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        }
    }

    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        configuration.httpMaximumConnectionsPerHost = 1
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: URLRequest) throws -> Result {
        let semaphore = DispatchSemaphore(value: 0)
        let box = Box()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data, response, error)
            semaphore.signal()
        }
        task.resume()
        guard semaphore.wait(timeout: .now() + 10) == .success else { throw URLError(.timedOut) }
        let (data, response, error) = box.get()
        if let error { throw error }
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return Result(response: http, body: data ?? Data())
    }

    public func get(_ url: String, headers: [String: String] = [:]) throws -> Result {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try send(request)
    }

    public func post(_ url: String, body: Data, headers: [String: String] = [:]) throws -> Result {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try send(request)
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)
        func set(_ data: Data?, _ response: URLResponse?, _ error: Error?) {
            lock.lock()
            value = (data, response, error)
            lock.unlock()
        }
        func get() -> (Data?, URLResponse?, Error?) {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }
}
