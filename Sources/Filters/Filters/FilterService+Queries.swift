import Foundation
import Storage

/// Reading, listing, renaming and deleting filters.
extension FilterService {
    /// - Throws: `FiltersError.notFound` for a missing, deleted or foreign filter.
    public func get(_ id: FilterID, account: String) throws -> Filter {
        try FiltersError.wrapping {
            guard let filter = try content.database.readTransaction({ try FilterRecords.find(id, account: account, in: $0) }) else {
                throw FiltersError.notFound(resource: .filter, id: id.rawValue)
            }
            return filter
        }
    }

    /// The gallery (by name) followed by the account's own filters (newest first).
    ///
    /// - Parameters:
    ///   - limit: 1...100.
    ///   - startingAfter: the last id of the previous page.
    /// - Throws: `FiltersError.invalidLimit`, `.invalidCursor`.
    public func list(account: String, limit: Int = 20, startingAfter: String? = nil) throws -> ListPage<Filter> {
        try FiltersError.wrapping {
            let limit = try PageLimit.validated(limit)
            return try content.database.readTransaction { connection in
                var cursor: Filter?
                if let startingAfter {
                    guard let id = FilterID(rawValue: startingAfter), let found = try FilterRecords.find(id, account: account, in: connection) else {
                        throw FiltersError.invalidCursor(startingAfter)
                    }
                    cursor = found
                }
                var filters: [Filter] = []
                if cursor?.isGallery ?? true {
                    filters += try FilterRecords.galleryPage(
                        after: cursor.map { ($0.name, $0.id.rawValue) }, limit: limit + 1, in: connection)
                }
                if filters.count <= limit {
                    let custom = cursor.flatMap { $0.isGallery ? nil : $0 }
                    filters += try FilterRecords.customPage(
                        account: account, after: custom.map { ($0.createdAt, $0.id.rawValue) }, limit: limit + 1 - filters.count,
                        in: connection)
                }
                return ListPage(items: Array(filters.prefix(limit)), hasMore: filters.count > limit)
            }
        }
    }

    /// The filter's 256x256 JPEG thumbnail.
    ///
    /// - Throws: `FiltersError.notFound`.
    public func thumbnail(_ id: FilterID, account: String) throws -> StoredFile {
        try FiltersError.wrapping {
            guard let thumbnail = try content.database.readTransaction({ try FilterRecords.thumbnail(of: id, account: account, in: $0) }) else {
                throw FiltersError.notFound(resource: .filter, id: id.rawValue)
            }
            return StoredFile(key: thumbnail.key, mediaType: "image/jpeg", bytes: thumbnail.size, blobs: content.blobs)
        }
    }

    /// Renames one of the account's custom filters.
    ///
    /// - Throws: `FiltersError.invalidName`, `.notFound`, `.galleryFilterReadOnly`.
    public func rename(_ id: FilterID, account: String, to name: String) throws -> Filter {
        try FiltersError.wrapping {
            let name = try FilterName.validated(name)
            return try content.database.writeTransaction { connection in
                try requireOwned(id, account: account, in: connection)
                try FilterRecords.rename(id, to: name, now: content.clock.now, in: connection)
                guard let filter = try FilterRecords.find(id, account: account, in: connection) else {
                    throw FiltersError.notFound(resource: .filter, id: id.rawValue)
                }
                return filter
            }
        }
    }

    /// Deletes one of the account's custom filters: at once when no job pins it, otherwise it
    /// disappears for everyone but the pinning jobs and goes when the last pin does.
    ///
    /// - Throws: `FiltersError.notFound`, `.galleryFilterReadOnly`.
    public func delete(_ id: FilterID, account: String) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { connection in
                try requireOwned(id, account: account, in: connection)
                let now = content.clock.now
                try FilterRecords.markDeleted(id, now: now, in: connection)
                try FilterRecords.purge(now: now, only: id, in: connection)
            }
        }
    }

    private func requireOwned(_ id: FilterID, account: String, in connection: any SQLConnection) throws {
        guard let filter = try FilterRecords.find(id, account: account, in: connection) else {
            throw FiltersError.notFound(resource: .filter, id: id.rawValue)
        }
        if filter.isGallery { throw FiltersError.galleryFilterReadOnly(id: id.rawValue) }
    }
}
