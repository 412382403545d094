import Foundation

/// The client's file name of an upload, kept for display only: trimmed, control characters
/// removed, at most 255 characters, nil when nothing remains.
enum UploadName {
    static func sanitized(_ name: String?) -> String? {
        guard let name else { return nil }
        let kept = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .control }))
            .trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? nil : String(kept.prefix(255))
    }
}
