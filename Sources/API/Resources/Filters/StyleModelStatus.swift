import HTTPServer


/// Whether the model that custom filters need (MicroAST) is installed. When it is not, the server
/// still runs: `GET /readyz` fails its "model" check and `POST /v1/filters` answers 503, both
/// naming the missing files, so an operator sees at once what to install.
public struct StyleModelStatus: Sendable, Equatable {
    /// The required model files that are absent (full paths); empty when filters can be made.
    public let missingFiles: [String]

    public init(missingFiles: [String]) {
        self.missingFiles = missingFiles
    }

    public var isReady: Bool { missingFiles.isEmpty }

    /// Why filters cannot be made, for logs, `/readyz` and the 503 problem.
    public var explanation: String {
        "the MicroAST style model is not installed; missing files: \(missingFiles.joined(separator: ", "))"
    }

    /// The `/readyz` check named "model".
    public var readinessCheck: ReadinessCheck {
        let status = self
        return ReadinessCheck("model") {
            guard status.isReady else { throw ModelMissing(description: status.explanation) }
            return true
        }
    }

    /// Throws 503 `model_unavailable` when filters cannot be made.
    func requireReady() throws {
        guard isReady else {
            throw HTTPError(.serviceUnavailable, code: "model_unavailable", detail: "Custom filters are unavailable: \(explanation).")
        }
    }

    private struct ModelMissing: Error, CustomStringConvertible {
        let description: String
    }
}
