extension Request {
    /// The first value of a query parameter, `+` and percent-escapes decoded.
    public func query(_ name: String) -> String? {
        guard let queryString else { return nil }
        for pair in queryString.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = PercentDecoding.decode(parts[0], plusIsSpace: true), key == name else { continue }
            return parts.count > 1 ? PercentDecoding.decode(parts[1], plusIsSpace: true) : ""
        }
        return nil
    }

    /// Whether the query names `name` at all, decodable or not: a present parameter whose value
    /// `query(_:)` cannot decode must be refused, not mistaken for an absent one.
    public func hasQuery(_ name: String) -> Bool {
        guard let queryString else { return false }
        return queryString.split(separator: "&", omittingEmptySubsequences: true).contains { pair in
            let key = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return PercentDecoding.decode(key, plusIsSpace: true) == name
        }
    }

    /// Every query parameter in order, decoded; malformed escapes are skipped.
    public var queryItems: [(name: String, value: String)] {
        guard let queryString else { return [] }
        return queryString.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = PercentDecoding.decode(parts[0], plusIsSpace: true) else { return nil }
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusIsSpace: true) : ""
            return value.map { (key, $0) }
        }
    }
}
