/// The text of Server-Sent Events (HTML Living Standard, §9.2): one event is `id:`, `event:` and
/// `data:` lines and a blank line; a line starting with `:` is a comment clients ignore.
enum EventStreamFrame {
    /// One event. `data` must be one line (the JSON we send never holds a newline).
    static func event(id: Int, name: String, data: [UInt8]) -> [UInt8] {
        Array("id: \(id)\nevent: \(name)\ndata: ".utf8) + data + Array("\n\n".utf8)
    }

    /// Tells the client how long to wait before reconnecting.
    static func retry(milliseconds: Int) -> [UInt8] {
        Array("retry: \(milliseconds)\n\n".utf8)
    }

    /// A comment that keeps proxies and load balancers from closing an idle stream.
    static let heartbeat = Array(": heartbeat\n\n".utf8)
}
