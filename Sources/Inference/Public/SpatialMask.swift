/// A greyscale mask over the content for spatial control: one value per content pixel, 0 (black
/// region) to 1 (white region), rows top to bottom. Values in between blend the two regions'
/// styles, which is what makes the edge soft.
public struct SpatialMask: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width × height` values in 0...1.
    public let values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        self.width = width
        self.height = height
        self.values = values
    }

    /// The mask averaged over the cells of a `width` × `height` feature grid laid over the
    /// content (each cell covers the pixels that map to it proportionally, at least one), so a
    /// feature at the edge gets the fraction of white pixels it sees.
    func downsampled(width cellsX: Int, height cellsY: Int) -> [Float] {
        var cells = [Float](repeating: 0, count: cellsX * cellsY)
        for cellY in 0..<cellsY {
            let y0 = min(height - 1, cellY * height / cellsY)
            let y1 = max(y0 + 1, min(height, (cellY + 1) * height / cellsY))
            for cellX in 0..<cellsX {
                let x0 = min(width - 1, cellX * width / cellsX)
                let x1 = max(x0 + 1, min(width, (cellX + 1) * width / cellsX))
                var sum: Float = 0
                for y in y0..<y1 {
                    let row = y * width
                    for x in x0..<x1 { sum += values[row + x] }
                }
                cells[cellY * cellsX + cellX] = sum / Float((y1 - y0) * (x1 - x0))
            }
        }
        return cells
    }

    /// Checks the size against the content and the values' range.
    func validated(for content: FloatImage) throws -> SpatialMask {
        guard width == content.width, height == content.height, values.count == width * height else {
            throw InferenceError.malformedImage(
                role: "mask", detail: "\(width)x\(height) with \(values.count) values does not cover the \(content.width)x\(content.height) content")
        }
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
            throw InferenceError.malformedImage(role: "mask", detail: "values must be in 0...1")
        }
        return self
    }
}
