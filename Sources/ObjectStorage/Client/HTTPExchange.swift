import Foundation

/// One HTTP request as libcurl sends it, already signed.
struct HTTPExchange: Sendable {
    enum Body: Sendable {
        case empty
        case data(Data)
        /// `length` bytes of the file at `path` from `offset`, read as curl sends them.
        case file(path: String, offset: Int64, length: Int64)

        var length: Int64 {
            switch self {
            case .empty: 0
            case .data(let data): Int64(data.count)
            case .file(_, _, let length): length
            }
        }
    }

    let method: String
    let url: String
    /// `Name: value` lines, sent as given.
    let headers: [String]
    let body: Body
}

/// What came back: the status, the headers (names lower-cased) and, for a non-2xx answer or a
/// request without a sink, the body in memory.
struct HTTPResult: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// Where the body of a successful answer goes (a file being downloaded). Reset before a retry.
protocol ResponseSink: AnyObject {
    /// Takes the next bytes; false stops the transfer (the sink keeps its own error).
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool
    /// Forgets everything written, for the next attempt.
    func reset() throws
    /// Why `write` refused, if it did.
    var failure: Error? { get }
}

/// Why a request got no HTTP answer.
enum TransportFailure: Error, Sendable, Equatable {
    /// No connection: refused, unresolvable host, no route.
    case connect(String)
    /// The connect or the transfer took too long, or the data stalled.
    case timeout(String)
    /// The connection broke mid-request or mid-answer (a truncated body among them).
    case interrupted(String)
    /// Anything else libcurl reports (a bad URL, TLS setup); not worth retrying.
    case other(String)

    var isRetryable: Bool {
        if case .other = self { return false }
        return true
    }

    var detail: String {
        switch self {
        case .connect(let text), .timeout(let text), .interrupted(let text), .other(let text): text
        }
    }
}
