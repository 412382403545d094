import Foundation
import Media
import TestSupport
import XCTest

/// The offline `stylify stylize` command, run as a real process with the real weights.
final class StylizeCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("stylize")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func stylize(_ arguments: [String]) throws -> StylifyProcess.Outcome {
        try StylifyProcess.run(["stylize", "--models", Fixtures.models.path] + arguments)
    }

    var content: String { Fixtures.contentImages.appendingPathComponent("modern.jpg").path }
    func style(_ name: String) -> String { Fixtures.styleImages.appendingPathComponent(name).path }

    func testBlendOfTwoStylesWritesAPNGOfTheContentSize() throws {
        let output = directory.appendingPathComponent("out.png")
        let outcome = try stylize([
            "--content", content, "--style", style("la_muse.jpg"), "--style", style("sketch.png"),
            "--weights", "1,3", "--strength", "0.8", "--preserve-color", "-o", output.path,
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let info = try ImageProbe.probe(contentsOf: output)
        let source = try ImageProbe.probe(contentsOf: URL(fileURLWithPath: content))
        XCTAssertEqual(info.format, .png)
        XCTAssertEqual(info.width, source.width)
        XCTAssertEqual(info.height, source.height)
    }

    func testMissingContentFileExitsWithNoInput() throws {
        let outcome = try stylize(["--content", directory.appendingPathComponent("nope.jpg").path,
                                   "--style", style("la_muse.jpg"), "-o", directory.appendingPathComponent("o.jpg").path])
        XCTAssertEqual(outcome.status, 66)
        XCTAssertTrue(outcome.stderr.contains("nope.jpg"), outcome.stderr)
    }

    func testCorruptContentExitsWithDataError() throws {
        let broken = directory.appendingPathComponent("broken.jpg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: content))
        try bytes.prefix(bytes.count / 3).write(to: broken)
        let outcome = try stylize(["--content", broken.path, "--style", style("la_muse.jpg"),
                                   "-o", directory.appendingPathComponent("o.jpg").path])
        XCTAssertEqual(outcome.status, 65, outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("o.jpg").path))
    }

    func testMissingModelNamesTheFilesToInstall() throws {
        let outcome = try StylifyProcess.run([
            "stylize", "--models", directory.path, "--content", content, "--style", style("la_muse.jpg"),
            "-o", directory.appendingPathComponent("o.jpg").path,
        ])
        XCTAssertEqual(outcome.status, 66)
        XCTAssertTrue(outcome.stderr.contains("microast-decoder.safetensors"), outcome.stderr)
    }

    func testBadUsageExitsWith64() throws {
        let noStyle = try stylize(["--content", content, "-o", directory.appendingPathComponent("o.jpg").path])
        XCTAssertEqual(noStyle.status, 64)
        let badExtension = try stylize(["--content", content, "--style", style("la_muse.jpg"), "-o", "out.gif"])
        XCTAssertEqual(badExtension.status, 64)
        let badWeights = try stylize(["--content", content, "--style", style("la_muse.jpg"), "--weights", "1,2",
                                      "-o", directory.appendingPathComponent("o.jpg").path])
        XCTAssertEqual(badWeights.status, 64)
    }
}
