/// The words an API key can be restricted to: a resource (`filters`, both actions) or a resource
/// and one action (`filters:read`, `filters:write`). A key with no scopes is unrestricted.
///
/// The vocabulary is closed: a misspelt scope (`filters:raed`) would otherwise be stored, grant
/// nothing, and leave its author believing the key can do something it cannot.
public enum APIKeyScope {
    /// The resources the API guards by scope, one per route family.
    public static let resources = ["account", "api_keys", "assets", "filters", "stylizations", "webhooks"]
    /// What a scope may allow on a resource.
    public static let actions = ["read", "write"]

    /// Every accepted scope, resource by resource (`api_keys`, `api_keys:read`, `api_keys:write`, …).
    public static let all: [String] = resources.flatMap { resource in [resource] + actions.map { "\(resource):\($0)" } }

    private static let known = Set(all)

    /// Whether `scope` is one of `all`.
    public static func isKnown(_ scope: String) -> Bool { known.contains(scope) }

    /// The single `resource:action` permissions a list of scopes grants; nil for an empty list,
    /// which grants everything.
    static func permissions(of scopes: [String]) -> Set<String>? {
        guard !scopes.isEmpty else { return nil }
        return Set(scopes.flatMap { scope in
            scope.contains(":") ? [scope] : actions.map { "\(scope):\($0)" }
        })
    }

    /// The first of `requested` that a key holding `held` could not grant, or nil when every one
    /// is covered. An empty `requested` asks for an unrestricted key, which only an unrestricted
    /// holder can grant (then the answer is `"*"`).
    static func firstUngranted(_ requested: [String], by held: [String]) -> String? {
        guard let heldPermissions = permissions(of: held) else { return nil }
        guard let wanted = permissions(of: requested) else { return "*" }
        guard !wanted.isSubset(of: heldPermissions) else { return nil }
        return requested.first { !(permissions(of: [$0]) ?? []).isSubset(of: heldPermissions) }
    }
}
