import Foundation
import Inference
import TestSupport
import XCTest

/// Reference tensors written by an independent implementation (see ../shared/SOURCES.md).
struct GoldenFile {
    let tensors: [String: WeightTensor]

    init(_ name: String) throws {
        tensors = try SafetensorsFile(contentsOf: Fixtures.golden.appendingPathComponent(name)).tensors
    }

    func tensor(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> WeightTensor {
        try XCTUnwrap(tensors[key], "golden tensor \(key) missing", file: file, line: line)
    }

    /// A [3, H, W] tensor as an image.
    func image(_ key: String) throws -> FloatImage {
        let t = try tensor(key)
        return FloatImage(width: t.shape[2], height: t.shape[1], planes: t.values)
    }
}

/// Largest absolute elementwise difference.
func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "sizes differ: \(a.count) vs \(b.count)")
    var worst: Float = 0
    for index in a.indices { worst = max(worst, abs(a[index] - b[index])) }
    return worst
}

/// Largest absolute difference relative to the largest absolute reference value.
func relativeDifference(_ actual: [Float], _ expected: [Float]) -> Float {
    let scale = expected.reduce(Float(0)) { max($0, abs($1)) }
    return maxAbsDifference(actual, expected) / max(scale, 1e-12)
}

/// The top-left `width` × `height` part of a [C, H, W] tensor's values.
func topLeft(_ tensor: WeightTensor, width: Int, height: Int) -> [Float] {
    let (channels, fullHeight, fullWidth) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
    var out: [Float] = []
    out.reserveCapacity(channels * width * height)
    for c in 0..<channels {
        for y in 0..<height {
            let start = (c * fullHeight + y) * fullWidth
            out.append(contentsOf: tensor.values[start..<(start + width)])
        }
    }
    return out
}

enum TestModels {
    static var microastDirectory: URL { Fixtures.models.appendingPathComponent("microast") }
    static var adainDirectory: URL { Fixtures.models.appendingPathComponent("adain-synthetic") }
}
