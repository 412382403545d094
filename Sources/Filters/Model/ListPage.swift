/// One page of a list, for `{"object":"list","data":[…],"has_more":bool}`.
public struct ListPage<Item: Sendable>: Sendable {
    public let items: [Item]
    /// True when more items follow the last one (ask again with `startingAfter` = its id).
    public let hasMore: Bool

    public init(items: [Item], hasMore: Bool) {
        self.items = items
        self.hasMore = hasMore
    }
}

extension ListPage: Equatable where Item: Equatable {}
