import Storage

/// The statements of the Filters module that differ between SQLite and PostgreSQL, in one place:
/// everything else in `AssetRecords`, `FilterRecords` and `ContentRecords` is portable SQL.
enum FiltersDialect {
    /// The models a filter has a cached style code for, as one comma-separated column `models`
    /// of a query over `filters f` (in no particular order: the decoder sorts them).
    static func cachedModelsColumn(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            "(SELECT group_concat(model) FROM filter_style_codes c WHERE c.filter_id = f.id) AS models"
        case .postgresql:
            "(SELECT string_agg(model, ',') FROM filter_style_codes c WHERE c.filter_id = f.id) AS models"
        }
    }
}
