import API
import ArgumentParser
import Foundation
import HTTPServer
import Jobs

extension ServeCommand {
    /// The `/metrics` side of `serve`: per-route request metrics recorded by the server, and the
    /// endpoint with the HTTP, jobs and process collectors (plus `extraCollectors`, e.g. webhook
    /// deliveries), guarded by the operator token. Says on stderr where the token comes from.
    static func registerMetrics(
        on router: inout Router, configuration: inout ServerConfiguration, jobs: JobService, dataDirectory: URL,
        operatorToken configured: OperatorToken?, extraCollectors: [MetricsCollector] = []
    ) throws {
        let requests = HTTPRequestMetrics(stripes: max(1, configuration.ioThreads))
        configuration.requestMetrics = requests
        var registry = MetricsRegistry([
            requests.collector, .jobs(jobs), ProcessMetrics(version: BuildVersion.current).collector,
        ])
        for collector in extraCollectors { registry.register(collector) }
        let (token, source) = try operatorToken(configured, dataDirectory: dataDirectory)
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
                log("level=warn msg=\"operator token file is readable by other users; chmod 600 it\" operator_token_file=\(path)")
            }
        }
        log(line)
    }

    /// The configured token (`--operator-token`, else `STYLIFY_OPERATOR_TOKEN`, checked by
    /// `ServeSettings`), else the token file (created when missing). An unusable file stops
    /// start-up with the reason (exit 66 unreadable, 73 cannot be created).
    static func operatorToken(_ configured: OperatorToken?, dataDirectory: URL) throws -> (OperatorToken, OperatorToken.Source) {
        if let configured { return (configured, .configured) }
        do {
            return try OperatorToken.loadOrCreate(in: dataDirectory)
        } catch let failure as OperatorToken.Failure {
            switch failure {
            case .unusable, .unreadableFile: throw CommandFailure(message: failure.description, code: .noInput)
            case .cannotCreateFile: throw CommandFailure(message: failure.description, code: ExitCode(73))
            }
        }
    }
}
