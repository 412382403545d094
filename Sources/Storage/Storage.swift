// The Storage module: SQLite and the blob store.
