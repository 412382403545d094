extension Connection: SQLConnection {
    public var dialect: SQLDialect { .sqlite }
}
