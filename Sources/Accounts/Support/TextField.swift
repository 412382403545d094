import Foundation

/// Validation of short human-entered labels (account, user and key names).
enum TextField {
    /// Trims; returns nil when empty or invalid. Control characters are refused because names end
    /// up in terminals (the admin CLI) and logs.
    static func clean(_ raw: String, maximum: Int) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maximum,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return trimmed
    }
}
