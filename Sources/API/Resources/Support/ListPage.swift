/// The list envelope of API.md: `{"object":"list","data":[…],"has_more":bool}`.
struct ListPage<Item: Encodable>: Encodable {
    let object = "list"
    let data: [Item]
    let hasMore: Bool
}
