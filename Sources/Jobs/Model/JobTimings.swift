/// Where a job's time went, in milliseconds; nil until known. Video stages overlap (they run on
/// separate threads), so decode + inference + encode can exceed the wall time.
public struct JobTimings: Sendable, Equatable, Codable {
    /// From submission until a worker started it (the last attempt's start).
    public var queueMilliseconds: Int?
    public var decodeMilliseconds: Int?
    public var inferenceMilliseconds: Int?
    public var encodeMilliseconds: Int?

    public init(queueMilliseconds: Int? = nil, decodeMilliseconds: Int? = nil,
                inferenceMilliseconds: Int? = nil, encodeMilliseconds: Int? = nil) {
        self.queueMilliseconds = queueMilliseconds
        self.decodeMilliseconds = decodeMilliseconds
        self.inferenceMilliseconds = inferenceMilliseconds
        self.encodeMilliseconds = encodeMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case queueMilliseconds = "queue_ms"
        case decodeMilliseconds = "decode_ms"
        case inferenceMilliseconds = "inference_ms"
        case encodeMilliseconds = "encode_ms"
    }
}
