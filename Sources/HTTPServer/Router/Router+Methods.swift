extension Router {
    public mutating func get(_ path: String, options: RouteOptions = .default, _ handler: @escaping Handler) {
        on(.get, path, options: options, handler)
    }

    public mutating func post(_ path: String, options: RouteOptions = .default, _ handler: @escaping Handler) {
        on(.post, path, options: options, handler)
    }

    public mutating func put(_ path: String, options: RouteOptions = .default, _ handler: @escaping Handler) {
        on(.put, path, options: options, handler)
    }

    public mutating func patch(_ path: String, options: RouteOptions = .default, _ handler: @escaping Handler) {
        on(.patch, path, options: options, handler)
    }

    public mutating func delete(_ path: String, options: RouteOptions = .default, _ handler: @escaping Handler) {
        on(.delete, path, options: options, handler)
    }
}
