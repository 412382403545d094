import Foundation
import Media
import XCTest

final class OrientationTests: XCTestCase {
    private let red = RGB(red: 255, green: 0, blue: 0)

    func testExifOrientation6RotatesTheImageClockwise() throws {
        for bigEndian in [true, false] {
            let jpeg = try TestImages.markedCorner(width: 64, height: 32).encoded(as: .jpeg(quality: 95))
            let rotated = JPEGSurgery.insertingExifOrientation(6, into: jpeg, bigEndian: bigEndian)
            XCTAssertEqual(try ImageProbe.probe(rotated).orientation, .right)
            let image = try ImageDecoder.decode(rotated)
            XCTAssertEqual(image.width, 32, "big endian: \(bigEndian)")
            XCTAssertEqual(image.height, 64)
            // Clockwise: the stored top-left corner is now the top-right one.
            TestImages.assertClose(image.pixel(x: 27, y: 4), red)
            TestImages.assertClose(image.pixel(x: 4, y: 4), RGB(red: 0, green: 0, blue: 255))
        }
    }

    func testEveryExifOrientationPutsTheMarkedCornerInPlace() throws {
        let jpeg = try TestImages.markedCorner(width: 64, height: 32).encoded(as: .jpeg(quality: 95))
        // Where the stored top-left mark must appear once upright (x, y as fractions of the side).
        let expectedCorner: [Int: (right: Bool, bottom: Bool)] = [
            1: (false, false), 2: (true, false), 3: (true, true), 4: (false, true),
            5: (false, false), 6: (true, false), 7: (true, true), 8: (false, true),
        ]
        for orientation in 1...8 {
            let image = try ImageDecoder.decode(JPEGSurgery.insertingExifOrientation(orientation, into: jpeg, bigEndian: orientation.isMultiple(of: 2)))
            let swapped = orientation >= 5
            XCTAssertEqual(image.width, swapped ? 32 : 64, "orientation \(orientation)")
            XCTAssertEqual(image.height, swapped ? 64 : 32, "orientation \(orientation)")
            let corner = expectedCorner[orientation]!
            let x = corner.right ? image.width - 5 : 4
            let y = corner.bottom ? image.height - 5 : 4
            TestImages.assertClose(image.pixel(x: x, y: y), red, "orientation \(orientation)")
        }
    }

    func testOrientingIsExactAndInvertible() throws {
        let image = try TestImages.gradient(width: 7, height: 5)
        XCTAssertEqual(image.oriented(.up), image)
        XCTAssertEqual(image.oriented(.right).oriented(.left), image)
        XCTAssertEqual(image.oriented(.down).oriented(.down), image)
        XCTAssertEqual(image.oriented(.leftMirrored).oriented(.leftMirrored), image)
        XCTAssertEqual(image.oriented(.rightMirrored).oriented(.rightMirrored), image)
        XCTAssertEqual(image.oriented(.right).oriented(.right), image.oriented(.down))
        XCTAssertEqual(image.oriented(.right).pixel(x: 4, y: 0), image.pixel(x: 0, y: 0))
        XCTAssertEqual(image.oriented(.left).pixel(x: 0, y: 6), image.pixel(x: 0, y: 0))
    }

    func testOutOfRangeOrientationValueIsIgnored() throws {
        let jpeg = try TestImages.markedCorner(width: 64, height: 32).encoded(as: .jpeg(quality: 95))
        let odd = JPEGSurgery.insertingExifOrientation(9, into: jpeg, bigEndian: true)
        XCTAssertEqual(try ImageProbe.probe(odd).orientation, .up)
        let image = try ImageDecoder.decode(odd)
        XCTAssertEqual(image.width, 64)
    }
}
