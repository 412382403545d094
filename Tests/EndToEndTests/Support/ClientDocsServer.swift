import Foundation
import Media
import TestSupport
import XCTest

/// The real `stylify serve` for the client-developer docs' tests: one gallery filter, webhooks
/// allowed to loopback receivers, mail to the log file, a tiny generated video, and helpers for
/// what those tests check (JPEG dimensions, running a process to its end).
final class ClientDocsServer {
    let directory: URL
    let serve: ServeProcess
    var url: String { "http://127.0.0.1:\(serve.port)" }
    var mailLog: URL { directory.appendingPathComponent("data/mail.log") }
    let video: URL

    init(_ label: String) throws {
        directory = try Fixtures.temporaryDirectory(label)
        let gallery = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("trial.jpg"), to: gallery.appendingPathComponent("trial.jpg"))
        video = directory.appendingPathComponent("clip.mp4")
        try Self.writeClip(to: video, frames: 6)
        serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--models", Fixtures.models.path,
             "--gallery", gallery.path, "--quiet", "--webhooks-allow-private"],
            in: directory)
    }

    func stop() -> Int32 {
        let status = serve.stop()
        try? FileManager.default.removeItem(at: directory)
        return status
    }

    /// A short 64×48 clip made with our own encoder (6 frames: within the unverified allowance).
    static func writeClip(to url: URL, frames: Int) throws {
        let encoder = try VideoEncoder(url: url, width: 64, height: 48, frameRate: VideoRational(10, 1),
                                       settings: VideoEncoder.Settings(preset: "ultrafast"))
        for index in 0..<frames {
            var image = try RGBImage(width: 64, height: 48, filledWith: RGB(red: 30, green: 60, blue: 90))
            for y in 10..<30 { for x in (index * 6)..<(index * 6 + 12) { image.setPixel(x: x, y: y, to: .white) } }
            try encoder.encode(VideoFrame(image: image, time: Double(index) / 10, index: index))
        }
        try encoder.finish()
    }

    /// Width and height from a JPEG's SOF segment; nil when the bytes are not a JPEG.
    static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return (Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]), Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]))
            }
            index += 2 + length
        }
        return nil
    }

    /// Runs `executable arguments` in `directory` to its end (≤ `timeout`), with `environment` on top.
    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws
        -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        nonisolated(unsafe) var data = Data()
        let reader = Thread { data = output.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(10_000) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
