/// One page of a list, for `{"object":"list","data":[…],"has_more":bool}`.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// True when more items follow the last one (ask again with `startingAfter` = its id).
    public let hasMore: Bool
}

extension Page: Equatable where Item: Equatable {}
