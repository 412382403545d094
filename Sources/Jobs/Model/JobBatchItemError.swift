/// One request of a batch was refused before anything was stored: `underlying` is what
/// `JobService.submit` would have thrown for it alone, `index` its place in the batch.
public struct JobBatchItemError: Error, Sendable {
    public let index: Int
    public let underlying: any Error

    public init(index: Int, underlying: any Error) {
        self.index = index
        self.underlying = underlying
    }
}
