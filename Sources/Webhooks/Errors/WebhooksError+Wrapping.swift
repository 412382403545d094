import Storage

extension WebhooksError {
    /// Runs `body`, turning storage failures into `.storage`.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WebhooksError {
            throw error
        } catch let error as StorageError {
            throw WebhooksError.storage(error)
        }
    }
}
