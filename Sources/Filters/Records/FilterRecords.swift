import Foundation
import Inference
import Storage

/// The SQL of the `filters`, `filter_style_codes` and `filter_pins` tables, on a connection the
/// caller holds. Portable except `FiltersDialect.cachedModelsColumn(_:)`.
enum FilterRecords {
    static func columns(_ dialect: SQLDialect) -> String {
        """
        f.id, f.account_id, f.name, f.width, f.height, f.style_media_type, f.created_at, f.updated_at,
        \(FiltersDialect.cachedModelsColumn(dialect))
        """
    }

    /// Rows the account can see: gallery filters and its own, not deleted.
    static let visible = "(f.account_id IS NULL OR f.account_id = ?2) AND f.deleted_at IS NULL"

    /// What a job needs of a filter it may use.
    struct Usable {
        let id: FilterID
        let style: BlobKey
        let styleMediaType: String
    }

    /// The fields of a new filter.
    struct NewFilter {
        let id: FilterID
        let account: String?
        let name: String
        let style: StoredBlob
        let styleMediaType: String
        let thumbnail: StoredBlob
        let width: Int
        let height: Int
        let codes: [StyleCode]
    }

    /// Inserts the filter with its style codes. A gallery filter (no account) whose style image
    /// already has one is not inserted: the partial unique index `filters_gallery_style` decides,
    /// so processes seeding at once add each image once. Returns whether it was inserted.
    @discardableResult
    static func insert(_ filter: NewFilter, now: Date, in connection: any SQLConnection) throws -> Bool {
        let inserted = try connection.run("""
            INSERT INTO filters (id, account_id, name, style_sha256, style_media_type, thumbnail_sha256, width, height, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (style_sha256) WHERE account_id IS NULL DO NOTHING
            """, filter.id.rawValue, filter.account, filter.name, filter.style.key.hex, filter.styleMediaType,
            filter.thumbnail.key.hex, filter.width, filter.height, now, now) > 0
        guard inserted else { return false }
        for code in filter.codes { try insertCode(code, filter: filter.id, now: now, in: connection) }
        return true
    }

    static func insertCode(_ code: StyleCode, filter: FilterID, now: Date, in connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO filter_style_codes (filter_id, model, code, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (filter_id, model) DO NOTHING
            """, filter.rawValue, code.model.rawValue, code.serialized(), now)
    }

    /// The filter if `account` can see it.
    static func find(_ id: FilterID, account: String, in connection: any SQLConnection) throws -> Filter? {
        try connection.queryOne("SELECT \(columns(connection.dialect)) FROM filters f WHERE f.id = ?1 AND \(visible)", id.rawValue, account)
            .map(decode)
    }

    /// Any filter by id, visible or not (the gallery seeder reading back what it inserted).
    static func find(_ id: FilterID, in connection: any SQLConnection) throws -> Filter? {
        try connection.queryOne("SELECT \(columns(connection.dialect)) FROM filters f WHERE f.id = ?", id.rawValue).map(decode)
    }

    static func exists(_ id: FilterID, in connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM filters WHERE id = ?", id.rawValue) != nil
    }

    /// Whether the gallery has a filter for this style image.
    static func galleryHas(style key: String, in connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM filters WHERE account_id IS NULL AND style_sha256 = ?", key) != nil
    }

    /// The filter if the account can see it, or if it is deleted but `holder` still pins it.
    static func findUsable(_ id: FilterID, account: String, holder: String?, now: Date, in connection: any SQLConnection) throws -> Usable? {
        let row: Row?
        if let holder {
            row = try connection.queryOne("""
                SELECT f.id, f.style_sha256, f.style_media_type FROM filters f
                WHERE f.id = ?1 AND (f.account_id IS NULL OR f.account_id = ?2)
                  AND (f.deleted_at IS NULL
                       OR EXISTS (SELECT 1 FROM filter_pins p WHERE p.filter_id = f.id AND p.holder = ?3 AND p.expires_at > ?4))
                """, id.rawValue, account, holder, now)
        } else {
            row = try connection.queryOne("""
                SELECT f.id, f.style_sha256, f.style_media_type FROM filters f WHERE f.id = ?1 AND \(visible)
                """, id.rawValue, account)
        }
        return try row.map { row in
            Usable(id: FilterID(trusted: try row.string("id")), style: try BlobKey(hex: try row.string("style_sha256")),
                   styleMediaType: try row.string("style_media_type"))
        }
    }

    /// The cached style code of a filter for a model.
    static func styleCode(of id: FilterID, model: ModelKind, in connection: any SQLConnection) throws -> [UInt8]? {
        try connection.queryOne(
            "SELECT code FROM filter_style_codes WHERE filter_id = ? AND model = ?", id.rawValue, model.rawValue
        )?.blob("code")
    }

    /// Up to `limit` gallery filters by name, after `after` (the previous page's last name and id).
    static func galleryPage(after: (name: String, id: String)?, limit: Int, in connection: any SQLConnection) throws -> [Filter] {
        guard let after else {
            return try connection.query("""
                SELECT \(columns(connection.dialect)) FROM filters f
                WHERE f.account_id IS NULL AND f.deleted_at IS NULL
                ORDER BY f.name, f.id LIMIT ?1
                """, limit).map(decode)
        }
        return try connection.query("""
            SELECT \(columns(connection.dialect)) FROM filters f
            WHERE f.account_id IS NULL AND f.deleted_at IS NULL
              AND (f.name > ?1 OR (f.name = ?1 AND f.id > ?2))
            ORDER BY f.name, f.id LIMIT ?3
            """, after.name, after.id, limit).map(decode)
    }

    /// Up to `limit` of the account's own filters, newest first, after `after`.
    static func customPage(account: String, after: (createdAt: Date, id: String)?, limit: Int,
                           in connection: any SQLConnection) throws -> [Filter] {
        guard let after else {
            return try connection.query("""
                SELECT \(columns(connection.dialect)) FROM filters f
                WHERE f.account_id = ?1 AND f.deleted_at IS NULL
                ORDER BY f.created_at DESC, f.id DESC LIMIT ?2
                """, account, limit).map(decode)
        }
        return try connection.query("""
            SELECT \(columns(connection.dialect)) FROM filters f
            WHERE f.account_id = ?1 AND f.deleted_at IS NULL
              AND (f.created_at < ?2 OR (f.created_at = ?2 AND f.id < ?3))
            ORDER BY f.created_at DESC, f.id DESC LIMIT ?4
            """, account, after.createdAt, after.id, limit).map(decode)
    }

    /// The thumbnail blob and its size of a filter the account can see.
    static func thumbnail(of id: FilterID, account: String, in connection: any SQLConnection) throws -> (key: BlobKey, size: Int64)? {
        try connection.queryOne("""
            SELECT f.thumbnail_sha256, b.size FROM filters f JOIN blobs b ON b.sha256 = f.thumbnail_sha256
            WHERE f.id = ?1 AND \(visible)
            """, id.rawValue, account).map { (try BlobKey(hex: try $0.string("thumbnail_sha256")), Int64(try $0.int("size"))) }
    }

    /// The account's custom filters that are not deleted.
    static func customCount(account: String, in connection: any SQLConnection) throws -> Int64 {
        Int64(try connection.queryOne("SELECT count(*) AS n FROM filters WHERE account_id = ? AND deleted_at IS NULL", account)?.int("n") ?? 0)
    }

    static func rename(_ id: FilterID, to name: String, now: Date, in connection: any SQLConnection) throws {
        try connection.run("UPDATE filters SET name = ?, updated_at = ? WHERE id = ?", name, now, id.rawValue)
    }

    static func markDeleted(_ id: FilterID, now: Date, in connection: any SQLConnection) throws {
        try connection.run("UPDATE filters SET deleted_at = ?, updated_at = ? WHERE id = ?", now, now, id.rawValue)
    }

    /// Pins the filter for `holder` until `until`, or moves an existing pin's expiry.
    static func pin(_ id: FilterID, holder: String, until: Date, in connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO filter_pins (filter_id, holder, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (filter_id, holder) DO UPDATE SET expires_at = excluded.expires_at
            """, id.rawValue, holder, until)
    }

    static func unpin(holder: String, in connection: any SQLConnection) throws {
        try connection.run("DELETE FROM filter_pins WHERE holder = ?", holder)
    }

    /// Removes filters deleted by their owner with no live pin (all, or only `id`).
    @discardableResult
    static func purge(now: Date, only id: FilterID? = nil, in connection: any SQLConnection) throws -> Int {
        let purge = """
            DELETE FROM filters
            WHERE deleted_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM filter_pins p WHERE p.filter_id = filters.id AND p.expires_at > ?1)
            """
        guard let id else { return try connection.run(purge, now) }
        return try connection.run(purge + " AND id = ?2", now, id.rawValue)
    }

    /// Pins whose lease has passed (their job died without unpinning).
    static func removeExpiredPins(now: Date, in connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM filter_pins WHERE expires_at <= ?", now)
    }

    static func decode(_ row: Row) throws -> Filter {
        let names = try row.optionalString("models")?.split(separator: ",").map(String.init) ?? []
        return Filter(
            id: FilterID(trusted: try row.string("id")),
            accountID: try row.optionalString("account_id"),
            name: try row.string("name"),
            width: try row.int("width"),
            height: try row.int("height"),
            styleMediaType: try row.string("style_media_type"),
            models: ModelKind.allCases.filter { names.contains($0.rawValue) },
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}
