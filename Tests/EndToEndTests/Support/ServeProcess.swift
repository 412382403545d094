import Foundation
import TestSupport

/// The real `stylify serve` binary in a child process, as an operator starts it.
final class ServeProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process = Process()
    let port: Int
    private let errors = Pipe()

    /// Starts `stylify serve <arguments>` in `directory` (with `environment` on top of the
    /// test's own) and waits (≤ 60 s: a loaded machine starts slowly) for "listening on".
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        let output = Pipe()
        process.executableURL = StylifyProcess.binary
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let found = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var listening: String?
        Thread.detachNewThread {
            var text = ""
            while let chunk = try? output.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty {
                text += String(decoding: chunk, as: UTF8.self)
                if text.hasSuffix("\n"), let line = text.split(separator: "\n").last(where: { $0.hasPrefix("listening on ") }) {
                    listening = String(line)
                    found.signal()
                    return
                }
            }
            found.signal()
        }
        guard found.wait(timeout: .now() + 60) == .success, let line = listening,
            let port = line.split(separator: ":").last.flatMap({ Int($0) })
        else {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "stylify serve did not start: \(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        }
        self.port = port
    }

    /// SIGTERM, then waits (≤ 30 s) for the exit status. A server that ignores the signal is
    /// SIGKILLed and reported as `killedAfterIgnoringSIGTERM`, so a shutdown bug fails the test
    /// instead of hanging the suite.
    func stop() -> Int32 {
        process.terminate()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return Self.killedAfterIgnoringSIGTERM
        }
        return process.terminationStatus
    }

    /// What `stop()` answers for a server that was still running 30 s after SIGTERM.
    static let killedAfterIgnoringSIGTERM: Int32 = -9

    /// Runs the binary to completion, for start-up failures.
    static func runToExit(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> StylifyProcess.Outcome {
        try StylifyProcess.run(["serve"] + arguments, environment: environment, currentDirectory: directory)
    }
}
