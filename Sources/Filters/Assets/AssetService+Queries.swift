import Foundation
import Storage

/// Reading, listing, downloading and deleting assets.
extension AssetService {
    /// - Throws: `FiltersError.notFound` for a missing, expired, deleted or foreign asset.
    public func get(_ id: AssetID, account: String) throws -> Asset {
        try FiltersError.wrapping {
            let now = content.clock.now
            guard let asset = try content.database.readTransaction({ try AssetRecords.find(id, account: account, now: now, holder: nil, in: $0) }) else {
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
            let assets = try content.database.readTransaction { try AssetRecords.available(ids, account: account, now: now, in: $0) }
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
            return try content.database.readTransaction { connection in
                var after: (createdAt: Date, id: String)?
                if let startingAfter {
                    guard let id = AssetID(rawValue: startingAfter),
                          let cursor = try AssetRecords.find(id, account: account, now: now, holder: nil, in: connection) else {
                        throw FiltersError.invalidCursor(startingAfter)
                    }
                    after = (cursor.createdAt, cursor.id.rawValue)
                }
                let assets = try AssetRecords.page(account: account, now: now, after: after, limit: limit + 1, in: connection)
                return ListPage(items: Array(assets.prefix(limit)), hasMore: assets.count > limit)
            }
        }
    }

    /// The asset's blob, for download or for a job (pass the job's `holder` to read an asset the
    /// job pinned even if its owner deleted it meanwhile).
    ///
    /// - Throws: `FiltersError.notFound`.
    public func content(_ id: AssetID, account: String, holder: String? = nil) throws -> StoredFile {
        try FiltersError.wrapping {
            let now = content.clock.now
            guard let asset = try content.database.readTransaction({ try AssetRecords.find(id, account: account, now: now, holder: holder, in: $0) }) else {
                throw FiltersError.notFound(resource: .asset, id: id.rawValue)
            }
            return StoredFile(key: try BlobKey(hex: asset.sha256), mediaType: asset.mediaType, bytes: asset.bytes, blobs: content.blobs)
        }
    }

    /// Deletes the asset. An asset pinned by a running job stays readable by that job until the
    /// pin goes; everyone else gets `notFound` at once. Its blob is removed by the sweeper when
    /// nothing else uses it.
    ///
    /// - Throws: `FiltersError.notFound`.
    public func delete(_ id: AssetID, account: String) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { connection in
                let now = content.clock.now
                guard try AssetRecords.markDeleted(id, account: account, now: now, in: connection) else {
                    throw FiltersError.notFound(resource: .asset, id: id.rawValue)
                }
                try AssetRecords.purge(now: now, only: id, in: connection)
            }
        }
    }
}
