/// A key for a value stored in `RequestContext`; the type itself is the key.
///
///     enum AuthenticatedAccount: RequestContextKey { typealias Value = Account }
///     request.context[AuthenticatedAccount.self] = account
public protocol RequestContextKey {
    associatedtype Value: Sendable
}

/// A typed bag of per-request values. A value type, so each middleware stage passes on its own copy.
public struct RequestContext: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: RequestContextKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}
