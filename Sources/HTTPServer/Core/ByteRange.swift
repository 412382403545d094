/// A single `bytes=` range resolved against a representation length.
enum ByteRange: Equatable {
    case none
    case unsatisfiable
    case range(first: Int64, last: Int64)

    static func parse(_ header: String, size: Int64) -> ByteRange {
        let trimmed = header.trimmingASCIISpaces()
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .none }
        let spec = trimmed.dropFirst(6).trimmingASCIISpaces()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .none }
        let startText = spec[..<dash].trimmingASCIISpaces()
        let endText = spec[spec.index(after: dash)...].trimmingASCIISpaces()
        if startText.isEmpty {
            guard let suffix = Int64(digits: endText) else { return .none }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .range(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = Int64(digits: startText) else { return .none }
        var last = size - 1
        if !endText.isEmpty {
            guard let end = Int64(digits: endText), end >= first else { return .none }
            last = min(end, size - 1)
        }
        guard first < size else { return .unsatisfiable }
        return .range(first: first, last: last)
    }
}
