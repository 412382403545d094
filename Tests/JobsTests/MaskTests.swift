import Foundation
import Inference
import Jobs
import Media
import Quotas
import TestSupport
import XCTest

/// Spatial control on the real weights, the real `images/mask.png` and real codecs: away from
/// the mask's edge each region looks like a stylization with only its own filter.
final class MaskTests: JobsTestCase {
    static let maskFile = Fixtures.shared.appendingPathComponent("images/mask.png")

    private func decode(_ url: URL) throws -> RGBImage { try ImageDecoder.decode(contentsOf: url) }

    private func content(maxSide: Int) throws -> RGBImage {
        try decode(Fixtures.contentImages.appendingPathComponent("avril.jpg")).fitted(maxSide: maxSide)
    }

    /// Mean absolute difference (0...255) of two images over the pixels where `inside` holds.
    private func difference(_ a: RGBImage, _ b: RGBImage, where inside: [Bool]) -> Double {
        var total = 0, count = 0
        for pixel in inside.indices where inside[pixel] {
            for channel in 0..<3 { total += abs(Int(a.pixels[3 * pixel + channel]) - Int(b.pixels[3 * pixel + channel])) }
            count += 3
        }
        return Double(total) / Double(max(count, 1))
    }

    /// Pixels whose whole (2·radius+1)² neighbourhood is in the region (`white` or black).
    private func interior(_ mask: SpatialMask, white: Bool, radius: Int) -> [Bool] {
        var inside = [Bool](repeating: false, count: mask.width * mask.height)
        for y in radius..<(mask.height - radius) {
            for x in radius..<(mask.width - radius) {
                var all = true
                outer: for dy in stride(from: -radius, through: radius, by: 2) {
                    for dx in stride(from: -radius, through: radius, by: 2) {
                        let value = mask.values[(y + dy) * mask.width + x + dx]
                        if white ? value < 0.99 : value > 0.01 { all = false; break outer }
                    }
                }
                inside[y * mask.width + x] = all
            }
        }
        return inside
    }

    private func assertRegionsFollowTheirStyles(_ model: any StyleTransferModel, maxSide: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let stylizer = ImageStylizer(model: model)
        let image = try content(maxSide: maxSide)
        let white = [WeightedStyle(code: try stylizer.styleCode(for: try decode(Fixtures.styleImages.appendingPathComponent("la_muse.jpg"))))]
        let black = [WeightedStyle(code: try stylizer.styleCode(for: try decode(Fixtures.styleImages.appendingPathComponent("sketch.png"))))]
        let mask = try MaskImage.decode(contentsOf: Self.maskFile)
        let spatial = try mask.spatialMask(width: image.width, height: image.height)

        let masked = try stylizer.stylize(content: image, styling: .masked(mask, white: RegionStyle(styles: white), black: RegionStyle(styles: black)),
                                          options: StylizeOptions())
        let whiteOnly = try stylizer.stylize(content: image, styles: white, options: StylizeOptions())
        let blackOnly = try stylizer.stylize(content: image, styles: black, options: StylizeOptions())
        XCTAssertEqual(masked.width, image.width, file: file, line: line)
        XCTAssertEqual(masked.height, image.height, file: file, line: line)

        let radius = max(image.width, image.height) / 16
        let whiteInside = interior(spatial, white: true, radius: radius)
        let blackInside = interior(spatial, white: false, radius: radius)
        XCTAssertGreaterThan(whiteInside.filter { $0 }.count, 500, "the mask has a white interior", file: file, line: line)
        XCTAssertGreaterThan(blackInside.filter { $0 }.count, 500, "the mask has a black interior", file: file, line: line)

        let stylesDiffer = difference(whiteOnly, blackOnly, where: whiteInside)
        XCTAssertGreaterThan(stylesDiffer, 15, "the two filters must look different for the test to mean anything", file: file, line: line)
        XCTAssertLessThan(difference(masked, whiteOnly, where: whiteInside), stylesDiffer / 5, "white region ≈ white-only", file: file, line: line)
        XCTAssertLessThan(difference(masked, blackOnly, where: blackInside), difference(whiteOnly, blackOnly, where: blackInside) / 5,
                          "black region ≈ black-only", file: file, line: line)
    }

    func testMicroASTMaskGivesEachRegionItsFilterAwayFromTheEdge() throws {
        try assertRegionsFollowTheirStyles(try ModelLocator(directory: Fixtures.models).load(.microast), maxSide: 320)
    }

    /// The AdaIN weights in `shared/models/adain-synthetic` are synthetic (seeded, not trained), so
    /// the two styles barely differ in pixels; the mask path is shown exactly instead: an all-white
    /// mask gives the white filter's stylization, an all-black one the black filter's, and
    /// `mask.png` something of both.
    func testAdaINMaskTakesEachRegionsStatisticsWhereTheMaskSays() throws {
        let model = try AdaIN(directory: Fixtures.models.appendingPathComponent("adain-synthetic"))
        let stylizer = ImageStylizer(model: model)
        let image = FloatImage(try content(maxSide: 96))
        let white = RegionStyle(styles: [WeightedStyle(code: try stylizer.styleCode(for: try decode(Fixtures.styleImages.appendingPathComponent("la_muse.jpg"))))])
        let black = RegionStyle(styles: [WeightedStyle(code: try stylizer.styleCode(for: try decode(Fixtures.styleImages.appendingPathComponent("sketch.png"))))])
        func constant(_ value: Float) -> SpatialMask {
            SpatialMask(width: image.width, height: image.height, values: [Float](repeating: value, count: image.width * image.height))
        }
        func render(_ mask: SpatialMask) throws -> FloatImage {
            try model.stylize(content: image, arrangement: .masked(mask, white: white, black: black), options: StylizeOptions(),
                              smoother: nil, shouldStop: nil)
        }
        let whiteOnly = try model.stylize(content: image, styles: white.styles, options: StylizeOptions())
        let blackOnly = try model.stylize(content: image, styles: black.styles, options: StylizeOptions())
        XCTAssertEqual(try render(constant(1)), whiteOnly)
        XCTAssertEqual(try render(constant(0)), blackOnly)
        let both = try render(try MaskImage.decode(contentsOf: Self.maskFile).spatialMask(width: image.width, height: image.height))
        XCTAssertNotEqual(both, whiteOnly)
        XCTAssertNotEqual(both, blackOnly)
    }

    func testAMaskOfAnotherSizeThanTheContentIsRefused() throws {
        let model = try ModelLocator(directory: Fixtures.models).load(.microast)
        let image = FloatImage(try content(maxSide: 64))
        let region = RegionStyle(styles: styles)
        XCTAssertThrowsError(try model.stylize(
            content: image, arrangement: .masked(SpatialMask(width: 3, height: 3, values: [Float](repeating: 1, count: 9)), white: region, black: region),
            options: StylizeOptions(), smoother: nil, shouldStop: nil)) { error in
            guard case InferenceError.malformedImage(let role, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(role, "mask")
        }
    }

    func testEachRegionHasItsOwnStrength() throws {
        let stylizer = ImageStylizer(model: try ModelLocator(directory: Fixtures.models).load(.microast))
        let image = try content(maxSide: 256)
        let mask = try MaskImage.decode(contentsOf: Self.maskFile)
        let spatial = try mask.spatialMask(width: image.width, height: image.height)
        let masked = try stylizer.stylize(content: image, styling: .masked(
            mask, white: RegionStyle(styles: styles, strength: 1), black: RegionStyle(styles: styles, strength: 0.2)), options: StylizeOptions())
        let weak = try stylizer.stylize(content: image, styles: styles, options: StylizeOptions(strength: 0.2))
        let full = try stylizer.stylize(content: image, styles: styles, options: StylizeOptions(strength: 1))
        let blackInside = interior(spatial, white: false, radius: 16)
        XCTAssertGreaterThan(difference(weak, full, where: blackInside), 10)
        XCTAssertLessThan(difference(masked, weak, where: blackInside), difference(weak, full, where: blackInside) / 5)
    }

    func testGreyscaleOfAColourMaskIsItsLumaAtTheContentSize() throws {
        let colour = try RGBImage(width: 40, height: 20, filledWith: RGB(red: 255, green: 0, blue: 0))
        let spatial = try MaskImage(colour).spatialMask(width: 20, height: 10)
        XCTAssertEqual(spatial.values.count, 200)
        for value in spatial.values { XCTAssertEqual(value, 0.299, accuracy: 0.01) }
    }

    private func maskedRequest(_ account: String, content: URL, format: OutputFormat, maxSide: Int,
                               mask: URL = maskFile, whiteStrength: Float = 1) throws -> JobRequest {
        var options = JobOptions(maxSide: maxSide, format: format)
        options.mask = MaskOptions(key: try blobs.put(contentsOf: mask).key, whiteStrength: whiteStrength, blackStrength: 0.5)
        return JobRequest(account: account, content: try blobs.put(contentsOf: content).key, styles: [], options: options,
                          maskStyles: MaskStyles(white: styles, black: styles))
    }

    func testMaskedImageAndVideoJobsSucceedWithTheirMaskStored() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let image = try finished(service, try service.submit(try maskedRequest(account, content: photo, format: .png, maxSide: 128)))
        XCTAssertEqual(image.status, .succeeded, "\(String(describing: image.problem))")
        XCTAssertEqual(image.options.mask?.blackStrength, 0.5)
        XCTAssertEqual(image.options.mask?.whiteStrength, 1)

        let video = try finished(service, try service.submit(try maskedRequest(account, content: Fixtures.video, format: .mp4, maxSide: 64)))
        XCTAssertEqual(video.status, .succeeded, "\(String(describing: video.problem))")
        XCTAssertEqual(try XCTUnwrap(video.result).frames, 240)
    }

    func testBadMasksAreRefusedBeforeAnythingIsReserved() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let text = directory.appendingPathComponent("not-an-image.png")
        try Data("this is not a picture".utf8).write(to: text)
        func refused(_ request: JobRequest, param: String) {
            XCTAssertThrowsError(try service.submit(request)) { error in
                guard case JobError.invalidRequest(let got, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(got, param)
            }
        }
        refused(try maskedRequest(account, content: photo, format: .png, maxSide: 128, mask: text), param: "mask")
        refused(try maskedRequest(account, content: photo, format: .png, maxSide: 128, whiteStrength: 1.5), param: "mask.white.strength")
        var both = try maskedRequest(account, content: photo, format: .png, maxSide: 128)
        both.styles = styles
        refused(both, param: "filters")
        var noRegions = try maskedRequest(account, content: photo, format: .png, maxSide: 128)
        noRegions.maskStyles = nil
        refused(noRegions, param: "mask")
        var emptyRegion = try maskedRequest(account, content: photo, format: .png, maxSide: 128)
        emptyRegion.maskStyles?.black = []
        refused(emptyRegion, param: "mask.black.filter_id")
        var smoothing = try imageRequest(account)
        smoothing.options.temporalSmoothing = 2
        refused(smoothing, param: "temporal_smoothing")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        XCTAssertEqual(try service.list(account: account, limit: 10).jobs.count, 0)
    }
}
