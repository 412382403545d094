extension PyTorchStorageReference {
    /// Reads torch's storage persistent id, `('storage', storage_class, key, location, numel)`,
    /// which legacy streams extend with a sixth item, `view_metadata`: None or
    /// `(view_key, offset, view_size)` for a view into the root storage.
    init(persistentID pid: PickleValue) throws {
        guard case .tuple(let items, _) = pid, items.count == 5 || items.count == 6,
              case .string("storage") = items[0] else {
            throw Self.malformed("persistent id is not a torch storage tuple")
        }
        guard case .global(.storageClass(let dtype, _)) = items[1] else {
            throw Self.malformed("storage class is a \(items[1].kind)")
        }
        guard case .string(let key) = items[2] else { throw Self.malformed("storage key is a \(items[2].kind)") }
        guard case .int(let count) = items[4], count >= 0 else { throw Self.malformed("storage \(key) has no element count") }
        self.init(key: key, dtype: dtype, declaredCount: count)
        if items.count == 6, case .tuple(let view, _) = items[5] {
            guard view.count == 3, case .int(let offset) = view[1], case .int(let size) = view[2],
                  offset >= 0, size >= 0, offset + size <= count else {
                throw Self.malformed("storage \(key) has a bad view")
            }
            viewOffset = offset
            viewCount = size
        }
    }

    private static func malformed(_ detail: String) -> PyTorchImportError {
        PyTorchImportError(file: "", reason: .malformedPickle(detail))
    }
}
