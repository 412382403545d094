import Foundation

/// `stylify serve` run by a benchmark as its own child process (this very binary), on a free
/// port and a scratch data directory, exactly as an operator starts it.
final class BenchServer {
    private let process = Process()
    let baseURL: String

    /// Starts the server and waits (≤ 60 s: the gallery is seeded first) until it listens.
    /// `arguments` go to `serve` as well (a role, a setting).
    init(data: URL, models: String, gallery: String, inference: InferenceSettings, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", models,
                             "--gallery", gallery, "--quiet"]
            + (inference.threads.map { ["--threads", String($0)] } ?? [])
            + (inference.blasThreading ? ["--blas-threading"] : [])
            + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            guard let chunk = try output.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
            if text.hasSuffix("\n"), let line = text.split(separator: "\n").last(where: { $0.hasPrefix("listening on ") }) {
                baseURL = String(line.dropFirst("listening on ".count))
                return
            }
        }
        process.terminate()
        throw CommandFailure(message: "stylify serve did not start: \(text)", code: .internalSoftware)
    }

    /// SIGTERM (graceful shutdown) and wait.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
