import Foundation
import Inference
import TestSupport
import XCTest

/// The premium limit, a 4096 × 4096 content, stylized in under 1 GB of peak resident memory.
/// Peak RSS is a property of a whole process, so the stylization runs in a child: this test
/// bundle run again with only `PeakMemoryHelper` selected, which reports its own `ru_maxrss`.
final class PeakMemoryTests: XCTestCase {
    func testA16MegapixelContentIsStylizedInUnderOneGigabyte() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("peak-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        child.arguments = ["InferenceTests.PeakMemoryHelper/testStylize16MegapixelsAndReportPeakMemory"]
        child.environment = ProcessInfo.processInfo.environment.merging([PeakMemoryHelper.reportVariable: report.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0, "the stylizing child failed")
        let kilobytes = try XCTUnwrap(Int(String(contentsOf: report, encoding: .utf8)), "the child wrote no peak memory")
        // The content alone is 192 MB of floats and each 64-channel quarter-resolution map 256 MB;
        // before the residual blocks ran in bands this peaked at 1.31–1.42 GB.
        XCTAssertLessThan(kilobytes, 1024 * 1024, "peak RSS \(kilobytes / 1024) MB")
    }
}

/// Stylizes a 4096² content with a cached style code and writes the process's peak RSS (KB);
/// skipped in a normal test run.
final class PeakMemoryHelper: XCTestCase {
    static let reportVariable = "STYLIFY_PEAK_MEMORY_REPORT"

    func testStylize16MegapixelsAndReportPeakMemory() throws {
        guard let report = ProcessInfo.processInfo.environment[Self.reportVariable] else {
            throw XCTSkip("runs only as the child process of PeakMemoryTests")
        }
        let model = try MicroAST(directory: TestModels.microastDirectory)
        let code = try model.encodeStyle(try GoldenFile("microast-chicago-lamuse-odd.safetensors").image("style"))
        let side = 4096
        // A smooth pattern with edges, so the network does real work on every band.
        let content = FloatImage(width: side, height: side, planes: (0..<(3 * side * side)).map { index in
            let pixel = index % (side * side)
            return Float((pixel / side) ^ (pixel % side) & 255) / 255
        })
        let output = try model.stylize(content: content, styles: [WeightedStyle(code: code)], options: StylizeOptions())
        XCTAssertEqual([output.width, output.height], [side, side])
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        try String(usage.ru_maxrss).write(toFile: report, atomically: true, encoding: .utf8)
    }
}
