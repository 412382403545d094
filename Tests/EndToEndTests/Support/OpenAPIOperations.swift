import API
import Foundation
import HTTPServer
import TestSupport

/// The operations `openapi.yaml` describes, read from its fixed indentation (paths at 2 spaces,
/// methods at 4, an operation's keys at 6), with what the audits need from each.
struct OpenAPIOperation {
    let method: HTTPMethod
    let path: String
    /// `x-required-scope`: the scope an API key needs; nil for operations any credential may call.
    var requiredScope: String?
    /// `security: []`: callable without a credential.
    var isPublic = false

    /// Every operation under `paths:`, in the file's order.
    static func described() throws -> [OpenAPIOperation] {
        let text = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var operations: [OpenAPIOperation] = []
        var inPaths = false
        var path: String?
        var inOperation = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
                inOperation = false
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let word = line.trimmingCharacters(in: .whitespaces).dropLast()
                inOperation = ["get", "post", "put", "patch", "delete"].contains(word)
                if inOperation { operations.append(OpenAPIOperation(method: HTTPMethod(rawValue: word.uppercased()), path: path)) }
            } else if inOperation, line.hasPrefix("      "), !line.hasPrefix("       ") {
                let entry = line.trimmingCharacters(in: .whitespaces)
                if entry.hasPrefix("x-required-scope:") {
                    operations[operations.count - 1].requiredScope = entry.dropFirst("x-required-scope:".count)
                        .trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                } else if entry == "security: []" {
                    operations[operations.count - 1].isPublic = true
                }
            }
        }
        return operations
    }
}
