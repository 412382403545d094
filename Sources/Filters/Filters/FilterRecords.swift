import Foundation
import Inference
import Storage

/// The SQL of the `filters` and `filter_style_codes` tables.
enum FilterRecords {
    static let columns = """
        f.id, f.account_id, f.name, f.width, f.height, f.style_media_type, f.created_at, f.updated_at,
        (SELECT group_concat(model) FROM filter_style_codes c WHERE c.filter_id = f.id) AS models
        """

    /// Rows the account can see: gallery filters and its own, not deleted.
    static let visible = "(f.account_id IS NULL OR f.account_id = ?2) AND f.deleted_at IS NULL"

    static func insert(
        id: FilterID, account: String?, name: String, style: StoredBlob, styleMediaType: String,
        thumbnail: StoredBlob, width: Int, height: Int, now: Date, in connection: Connection
    ) throws {
        try connection.run("""
            INSERT INTO filters (id, account_id, name, style_sha256, style_media_type, thumbnail_sha256, width, height, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id.rawValue, account, name, style.key.hex, styleMediaType, thumbnail.key.hex, width, height, now, now)
    }

    static func insertCode(_ code: StyleCode, filter: FilterID, now: Date, in connection: Connection) throws {
        try connection.run("""
            INSERT INTO filter_style_codes (filter_id, model, code, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (filter_id, model) DO NOTHING
            """, filter.rawValue, code.model.rawValue, code.serialized(), now)
    }

    /// The filter if `account` can see it.
    static func find(_ id: FilterID, account: String, in connection: Connection) throws -> Filter? {
        try connection.queryOne("SELECT \(columns) FROM filters f WHERE f.id = ?1 AND \(visible)", id.rawValue, account)
            .map(decode)
    }

    /// The filter if the account can see it, or if it is deleted but `holder` still pins it.
    static func findUsable(_ id: FilterID, account: String, holder: String?, now: Date, in connection: Connection) throws -> Row? {
        try connection.queryOne("""
            SELECT f.id, f.style_sha256, f.style_media_type FROM filters f
            WHERE f.id = ?1 AND (f.account_id IS NULL OR f.account_id = ?2)
              AND (f.deleted_at IS NULL
                   OR EXISTS (SELECT 1 FROM filter_pins p WHERE p.filter_id = f.id AND p.holder = ?3 AND p.expires_at > ?4))
            """, id.rawValue, account, holder, now)
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
