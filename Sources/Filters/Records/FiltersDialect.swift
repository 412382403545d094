/// The statements of the Filters module written in SQLite's dialect, in one place: everything
/// else in `AssetRecords`, `FilterRecords` and `ContentRecords` is portable SQL that PostgreSQL
/// runs as it is. A PostgreSQL backend supplies its own text for exactly these.
enum FiltersDialect {
    /// The models a filter has a cached style code for, as one comma-separated column `models`
    /// of a query over `filters f`. PostgreSQL: `string_agg(model, ',')`.
    static let cachedModelsColumn = "(SELECT group_concat(model) FROM filter_style_codes c WHERE c.filter_id = f.id) AS models"
}
