import Foundation
import Storage

/// Reading, listing, renaming and deleting filters.
extension FilterService {
    /// - Throws: `FiltersError.notFound` for a missing, deleted or foreign filter.
    public func get(_ id: FilterID, account: String) throws -> Filter {
        try FiltersError.wrapping {
            guard let filter = try content.database.read({ try FilterRecords.find(id, account: account, in: $0) }) else {
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
            return try content.database.read { connection in
                var cursor: Filter?
                if let startingAfter {
                    guard let id = FilterID(rawValue: startingAfter), let found = try FilterRecords.find(id, account: account, in: connection) else {
                        throw FiltersError.invalidCursor(startingAfter)
                    }
                    cursor = found
                }
                var rows: [Row] = []
                if cursor?.isGallery ?? true {
                    rows += try connection.query("""
                        SELECT \(FilterRecords.columns) FROM filters f
                        WHERE f.account_id IS NULL AND f.deleted_at IS NULL
                          AND (?1 IS NULL OR f.name > ?1 OR (f.name = ?1 AND f.id > ?2))
                        ORDER BY f.name, f.id LIMIT ?3
                        """, cursor?.name, cursor?.id.rawValue, limit + 1)
                }
                if rows.count <= limit {
                    let custom = cursor.flatMap { $0.isGallery ? nil : $0 }
                    rows += try connection.query("""
                        SELECT \(FilterRecords.columns) FROM filters f
                        WHERE f.account_id = ?1 AND f.deleted_at IS NULL
                          AND (?2 IS NULL OR f.created_at < ?2 OR (f.created_at = ?2 AND f.id < ?3))
                        ORDER BY f.created_at DESC, f.id DESC LIMIT ?4
                        """, account, custom?.createdAt, custom?.id.rawValue, limit + 1 - rows.count)
                }
                return ListPage(items: try rows.prefix(limit).map(FilterRecords.decode), hasMore: rows.count > limit)
            }
        }
    }

    /// The filter's 256x256 JPEG thumbnail.
    ///
    /// - Throws: `FiltersError.notFound`.
    public func thumbnail(_ id: FilterID, account: String) throws -> StoredFile {
        try FiltersError.wrapping {
            let row = try content.database.read { connection in
                try connection.queryOne("""
                    SELECT f.thumbnail_sha256, b.size FROM filters f JOIN blobs b ON b.sha256 = f.thumbnail_sha256
                    WHERE f.id = ?1 AND \(FilterRecords.visible)
                    """, id.rawValue, account)
            }
            guard let row else { throw FiltersError.notFound(resource: .filter, id: id.rawValue) }
            let url = try content.blobs.fileURL(for: try BlobKey(hex: try row.string("thumbnail_sha256")))
            return StoredFile(url: url, mediaType: "image/jpeg", bytes: Int64(try row.int("size")))
        }
    }

    /// Renames one of the account's custom filters.
    ///
    /// - Throws: `FiltersError.invalidName`, `.notFound`, `.galleryFilterReadOnly`.
    public func rename(_ id: FilterID, account: String, to name: String) throws -> Filter {
        try FiltersError.wrapping {
            let name = try FilterName.validated(name)
            return try content.database.write { connection in
                try requireOwned(id, account: account, in: connection)
                try connection.run("UPDATE filters SET name = ?, updated_at = ? WHERE id = ?", name, content.clock.now, id.rawValue)
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
            try content.database.write { connection in
                try requireOwned(id, account: account, in: connection)
                let now = content.clock.now
                try connection.run("UPDATE filters SET deleted_at = ?, updated_at = ? WHERE id = ?", now, now, id.rawValue)
                _ = try ContentPurge.filters(in: connection, now: now, only: id.rawValue)
            }
        }
    }

    private func requireOwned(_ id: FilterID, account: String, in connection: Connection) throws {
        guard let filter = try FilterRecords.find(id, account: account, in: connection) else {
            throw FiltersError.notFound(resource: .filter, id: id.rawValue)
        }
        if filter.isGallery { throw FiltersError.galleryFilterReadOnly(id: id.rawValue) }
    }
}
