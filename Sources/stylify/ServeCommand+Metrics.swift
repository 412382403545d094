import API
import ArgumentParser
import Foundation
import HTTPServer
import Jobs

extension ServeCommand {
    /// The `/metrics` side of `serve`: per-route request metrics recorded by the server, and the
    /// endpoint with the HTTP, jobs and process collectors (plus `extraCollectors`, e.g. webhook
    /// deliveries), guarded by the operator token. Says on stderr where the token comes from.
    func registerMetrics(
        on router: inout Router, configuration: inout ServerConfiguration, jobs: JobService, dataDirectory: URL,
        extraCollectors: [MetricsCollector] = []
    ) throws {
        let requests = HTTPRequestMetrics(stripes: max(1, configuration.ioThreads))
        configuration.requestMetrics = requests
        var registry = MetricsRegistry([
            requests.collector, .jobs(jobs), ProcessMetrics(version: BuildVersion.current).collector,
        ])
        for collector in extraCollectors { registry.register(collector) }
        let (token, source) = try Self.operatorToken(metricsOptions.operatorToken, dataDirectory: dataDirectory)
        MetricsEndpoint.register(on: &router, registry: registry, token: token, log: configuration.accessLog)
        let line: String
        switch source {
        case .configured:
            line = "level=info msg=\"metrics at /metrics\" operator_token=configured"
        case .createdFile(let path):
            line = "level=info msg=\"metrics at /metrics\" operator_token=generated operator_token_file=\(path)"
        case .existingFile(let path):
            line = "level=info msg=\"metrics at /metrics\" operator_token=file operator_token_file=\(path)"
            if !OperatorToken.isOwnerOnly(path) {
                FileHandle.standardError.write(Data(
                    "level=warn msg=\"operator token file is readable by other users; chmod 600 it\" operator_token_file=\(path)\n".utf8))
            }
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `--operator-token`, else `STYLIFY_OPERATOR_TOKEN`, else the token file (created when missing).
    /// An unusable token stops start-up with the reason (exit 64 for a flag or variable, 66/73 for the file).
    static func operatorToken(_ flag: String?, dataDirectory: URL) throws -> (OperatorToken, OperatorToken.Source) {
        let environment = ProcessInfo.processInfo.environment["STYLIFY_OPERATOR_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            if let configured = flag ?? environment { return (try OperatorToken(configured), .configured) }
            return try OperatorToken.loadOrCreate(in: dataDirectory)
        } catch let failure as OperatorToken.Failure {
            FileHandle.standardError.write(Data("stylify serve: \(failure)\n".utf8))
            switch failure {
            case .unusable: throw ExitCode(64)
            case .unreadableFile: throw ExitCode(66)
            case .cannotCreateFile: throw ExitCode(73)
            }
        }
    }
}
