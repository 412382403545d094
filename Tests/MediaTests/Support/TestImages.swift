import Foundation
import Media
import TestSupport
import XCTest

/// Images and measurements shared by the Media tests.
enum TestImages {
    /// Every image shipped in ../shared (content and style folders).
    static func sharedImageFiles() throws -> [URL] {
        var files: [URL] = []
        for folder in [Fixtures.contentImages, Fixtures.styleImages] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            files += names.map { folder.appendingPathComponent($0) }
        }
        return files
    }

    static func data(_ url: URL) throws -> Data {
        try Data(contentsOf: url)
    }

    /// A smooth gradient with a little texture: compresses like a photograph, not like a flat fill.
    static func gradient(width: Int, height: Int) throws -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let offset = (y * width + x) * 3
                pixels[offset] = UInt8(x * 255 / max(1, width - 1))
                pixels[offset + 1] = UInt8(y * 255 / max(1, height - 1))
                pixels[offset + 2] = UInt8((x + y) * 255 / max(1, width + height - 2))
            }
        }
        return try RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A blue image with a red square of `mark` pixels in its top-left corner: tracks where
    /// the corner goes under rotations, robust to JPEG loss.
    static func markedCorner(width: Int, height: Int, mark: Int = 16) throws -> RGBImage {
        var image = try RGBImage(width: width, height: height, filledWith: RGB(red: 0, green: 0, blue: 255))
        for y in 0..<mark {
            for x in 0..<mark { image.setPixel(x: x, y: y, to: RGB(red: 255, green: 0, blue: 0)) }
        }
        return image
    }

    /// Peak signal-to-noise ratio in dB over all channels.
    static func psnr(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.width == b.width && a.height == b.height)
        var sum = 0.0
        for index in a.pixels.indices {
            let d = Double(a.pixels[index]) - Double(b.pixels[index])
            sum += d * d
        }
        let mse = sum / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// Whether `colour` is within `tolerance` of red / blue etc., with a readable failure.
    static func assertClose(
        _ colour: RGB, _ expected: RGB, tolerance: Int = 40, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertLessThanOrEqual(
            colour.maxChannelDistance(to: expected), tolerance, "\(colour) is not close to \(expected) \(message)",
            file: file, line: line)
    }
}

/// Asserts that `body` throws a `MediaError` matching `matches`.
func assertMediaError<T>(
    _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ matches: (MediaError) -> Bool
) {
    do {
        _ = try body()
        XCTFail("expected a MediaError, got a value", file: file, line: line)
    } catch let error as MediaError {
        XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a MediaError, got \(error)", file: file, line: line)
    }
}
