/// What seeding the gallery did.
public struct GallerySeedReport: Sendable, Equatable {
    /// Filters created by this run.
    public var added: [Filter] = []
    /// Images that already had a gallery filter (same bytes).
    public var unchanged = 0
    /// Images that were refused, with the reason.
    public var failed: [Failure] = []

    /// One refused gallery image.
    public struct Failure: Sendable, Equatable {
        public let fileName: String
        public let error: FiltersError
    }

    public init() {}
}
