import Foundation

/// Email normalisation and a deliberately permissive plausibility check: the only real proof of
/// an address is mail reaching it, so this rejects what cannot be one rather than enforcing RFC 5322.
enum EmailAddress {
    static let maximumLength = 254

    /// Trimmed and lowercased: `" Ada@Example.COM "` and `"ada@example.com"` are the same user.
    static func normalise(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func isPlausible(_ email: String) -> Bool {
        guard email.count <= maximumLength, email.unicodeScalars.allSatisfy(isAllowedScalar) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard (1...64).contains(local.count), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, !top.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    private static func isAllowedScalar(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.properties.isWhitespace && scalar.value >= 0x21 && scalar.value != 0x7F
            && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
    }
}
