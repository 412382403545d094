import API
import ArgumentParser
import Foundation
import HTTPServer

/// `stylify admin stats`: the running server's `/metrics`, read back for an operator.
struct AdminStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show a running server's metrics: requests per route, inference speed, jobs, webhook deliveries.",
        discussion: """
            Fetches GET /metrics from the server with the operator token and prints it as tables \
            (request counts with p50/p99 estimated from the latency histogram, inference seconds per \
            megapixel per model, queue depth, jobs by state, rolling mean latency, webhook deliveries \
            when the server has them) or as JSON. Exit codes: 64 an unusable --server URL (only \
            http://host[:port]), 66 an unusable token file, 69 the server cannot be reached or answers \
            neither 200 nor 401, 76 its answer is not Prometheus text, 77 it refuses the token.
            """
    )

    @Option(help: ArgumentHelp(
        "Server to ask (default: http:// + STYLIFY_LISTEN, else http://127.0.0.1:8080).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp(
        "Operator token (STYLIFY_OPERATOR_TOKEN; default: <data-dir>/operator-token).", valueName: "token"))
    var operatorToken: String?

    @Option(help: SettingKey.dataDir.help("Data directory holding the operator-token file", valueName: "dir"))
    var dataDir: String?

    @Flag(help: "Print JSON for scripts instead of tables.")
    var json = false

    func run() throws {
        let reader = SettingsReader()
        try CommandFailure.reporting(command: "admin stats") {
            let scrape: MetricsScrape
            do {
                scrape = try MetricsScrape(url: try serverURL(listen: reader.string(nil, .listen)))
            } catch let failure as MetricsScrape.Failure {
                throw CommandFailure(message: failure.description, code: ExitCode(64))
            }
            let token = try reader.string(operatorToken, .operatorToken)
                ?? tokenFromFile(reader.path(dataDir, .dataDir) ?? URL(fileURLWithPath: "data"))
            let text: String
            do {
                text = try scrape.fetch(token: token)
            } catch let failure as MetricsScrape.Failure {
                switch failure {
                case .refused(_, 401, _):
                    let hint = token == nil
                        ? " (no token found: pass --operator-token, set STYLIFY_OPERATOR_TOKEN, or point --data-dir at the server's data directory)"
                        : ""
                    throw CommandFailure(message: failure.description + hint, code: ExitCode(77))
                case .unreachable, .refused: throw CommandFailure(message: failure.description, code: ExitCode(69))
                case .invalidURL: throw CommandFailure(message: failure.description, code: ExitCode(64))
                }
            }
            let families: [MetricFamily]
            do {
                families = try PrometheusTextParser.parse(text)
            } catch {
                throw CommandFailure(message: "\(scrape.url)/metrics is not Prometheus text: \(error)", code: ExitCode(76))
            }
            let report = StatsReport(server: scrape.url, families: families)
            if json { return try AdminOutput.json(report) }
            report.printTables()
        }
    }

    /// `--server`, else the address the server listens on by the same environment (a wildcard
    /// address is asked on loopback), else the default.
    private func serverURL(listen: String?) throws -> String {
        if let server { return server }
        guard let listen else { return "http://127.0.0.1:8080" }
        guard var address = try? ListenAddress(parsing: listen) else {
            throw CommandFailure(message: "STYLIFY_LISTEN \(listen) is not host:port", code: ExitCode(64))
        }
        if address.host == "0.0.0.0" { address.host = "127.0.0.1" }
        if address.host == "::" { address.host = "::1" }
        return "http://\(address)"
    }

    /// The token file a server without a configured token wrote; nil when there is none (the
    /// request then goes without a token, and a 401 explains how to give one).
    private func tokenFromFile(_ directory: URL) throws -> String? {
        let path = directory.appendingPathComponent(OperatorToken.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try OperatorToken.read(from: path).value
        } catch {
            throw CommandFailure(message: "\(error)", code: .noInput)
        }
    }
}
