import Foundation
import Storage

/// Reading, listing, downloading and deleting assets.
extension AssetService {
    /// - Throws: `FiltersError.notFound` for a missing, expired, deleted or foreign asset.
    public func get(_ id: AssetID, account: String) throws -> Asset {
        try FiltersError.wrapping {
            let now = content.clock.now
            guard let asset = try content.database.read({ try AssetRecords.find(id, account: account, now: now, holder: nil, in: $0) }) else {
                throw FiltersError.notFound(resource: .asset, id: id.rawValue)
            }
            return asset
        }
    }

    /// Those of `ids` that are the account's assets and still available (not deleted, not
    /// expired), in one query: whether each stylization's result can still be downloaded.
    ///
    /// - Throws: `FiltersError.storage`.
    public func available(_ ids: [AssetID], account: String) throws -> [AssetID: Asset] {
        guard !ids.isEmpty else { return [:] }
        return try FiltersError.wrapping {
            let now = content.clock.now
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            let parameters: [any SQLBindable] = [account, now] + ids.map { $0.rawValue as any SQLBindable }
            let rows = try content.database.read { connection in
                try connection.query("""
                    SELECT \(AssetRecords.columns) FROM assets
                    WHERE account_id = ? AND deleted_at IS NULL AND expires_at > ? AND id IN (\(placeholders))
                    """, parameters: parameters)
            }
            let assets = try rows.map(AssetRecords.decode)
            return Dictionary(assets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The account's assets, newest first.
    ///
    /// - Parameters:
    ///   - limit: 1...100.
    ///   - startingAfter: the last id of the previous page.
    /// - Throws: `FiltersError.invalidLimit`, `.invalidCursor` (not an asset of this account).
    public func list(account: String, limit: Int = 20, startingAfter: String? = nil) throws -> ListPage<Asset> {
        try FiltersError.wrapping {
            let limit = try PageLimit.validated(limit)
            let now = content.clock.now
            return try content.database.read { connection in
                var after: (createdAt: Date, id: String)?
                if let startingAfter {
                    guard let id = AssetID(rawValue: startingAfter),
                          let cursor = try AssetRecords.find(id, account: account, now: now, holder: nil, in: connection) else {
                        throw FiltersError.invalidCursor(startingAfter)
                    }
                    after = (cursor.createdAt, cursor.id.rawValue)
                }
                let rows = try connection.query("""
                    SELECT \(AssetRecords.columns) FROM assets
                    WHERE account_id = ?1 AND deleted_at IS NULL AND expires_at > ?2
                      AND (?3 IS NULL OR created_at < ?3 OR (created_at = ?3 AND id < ?4))
                    ORDER BY created_at DESC, id DESC
                    LIMIT ?5
                    """, account, now, after?.createdAt, after?.id, limit + 1)
                let assets = try rows.prefix(limit).map(AssetRecords.decode)
                return ListPage(items: assets, hasMore: rows.count > limit)
            }
        }
    }

    /// The asset's bytes for download (or for a job: pass the job's `holder` to read an asset
    /// the job pinned even if its owner deleted it meanwhile).
    ///
    /// - Throws: `FiltersError.notFound`; `.storage(.blobNotFound)` when the file is missing.
    public func content(_ id: AssetID, account: String, holder: String? = nil) throws -> StoredFile {
        try FiltersError.wrapping {
            let now = content.clock.now
            guard let asset = try content.database.read({ try AssetRecords.find(id, account: account, now: now, holder: holder, in: $0) }) else {
                throw FiltersError.notFound(resource: .asset, id: id.rawValue)
            }
            let url = try content.blobs.fileURL(for: try BlobKey(hex: asset.sha256))
            return StoredFile(url: url, mediaType: asset.mediaType, bytes: asset.bytes)
        }
    }

    /// Deletes the asset. An asset pinned by a running job stays readable by that job until the
    /// pin goes; everyone else gets `notFound` at once. Its blob is removed by the sweeper when
    /// nothing else uses it.
    ///
    /// - Throws: `FiltersError.notFound`.
    public func delete(_ id: AssetID, account: String) throws {
        try FiltersError.wrapping {
            try content.database.write { connection in
                let now = content.clock.now
                let changed = try connection.run("""
                    UPDATE assets SET deleted_at = ?3
                    WHERE id = ?1 AND account_id = ?2 AND deleted_at IS NULL AND expires_at > ?3
                    """, id.rawValue, account, now)
                guard changed == 1 else { throw FiltersError.notFound(resource: .asset, id: id.rawValue) }
                _ = try ContentPurge.assets(in: connection, now: now, only: id.rawValue)
            }
        }
    }
}
