/// A long-lived body that the application pushes into from any thread, whenever it has something
/// to say (Server-Sent Events, a log tail): no thread is held while it waits, unlike a
/// `ResponseStream`, whose producer keeps its worker for as long as the body lasts.
///
/// The server sends the head, then calls `open` once on the connection's loop thread with the
/// writer (keep it short: store the writer, hand it to whoever publishes). For a `HEAD` request
/// or a status without a body, `open` still runs once, with a writer that is closed already, so
/// whatever it registers is released through `onClose` the same way.
public struct ResponseChannel: Sendable {
    public let open: @Sendable (ResponseChannelWriter) -> Void

    public init(_ open: @escaping @Sendable (ResponseChannelWriter) -> Void) {
        self.open = open
    }
}
