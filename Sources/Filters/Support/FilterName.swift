import Foundation

/// Names of filters: what users may type, and readable names for gallery files.
enum FilterName {
    static let maxLength = 100

    /// The trimmed name.
    ///
    /// - Throws: `FiltersError.invalidName` when empty, longer than 100 characters, or holding
    ///   control characters (line breaks would break every list that shows it).
    static func validated(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FiltersError.invalidName(reason: "the name is empty") }
        guard trimmed.count <= maxLength else {
            throw FiltersError.invalidName(reason: "the name has \(trimmed.count) characters, at most \(maxLength) are allowed")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw FiltersError.invalidName(reason: "the name contains control characters")
        }
        return trimmed
    }

    /// "woman_with_hat_matisse.jpg" → "Woman With Hat Matisse": the stem split at `_`, `-` and
    /// spaces, each word capitalised.
    static func readable(fromFileName fileName: String) -> String {
        let stem = fileName.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let words = (stem.isEmpty ? fileName : stem)
            .split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
        let name = words.joined(separator: " ")
        return String((name.isEmpty ? fileName : name).prefix(maxLength))
    }
}
