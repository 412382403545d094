/// 3×3 convolution weights transformed for Winograd F(4×4, 3×3): U = G g Gᵀ per (output,
/// input) channel pair, stored as 36 matrices `[ξ][output][input]` ready to be GEMM operands.
struct WinogradWeights: Sendable {
    let values: [Float]

    /// G of F(4, 3) (Lavin & Gray 2016), 6×3.
    private static let g: [[Double]] = [
        [1.0 / 4, 0, 0],
        [-1.0 / 6, -1.0 / 6, -1.0 / 6],
        [-1.0 / 6, 1.0 / 6, -1.0 / 6],
        [1.0 / 24, 1.0 / 12, 1.0 / 6],
        [1.0 / 24, -1.0 / 12, 1.0 / 6],
        [0, 0, 1],
    ]

    init(weights: [Float], outputChannels: Int, inputChannels: Int) {
        var values = [Float](repeating: 0, count: 36 * outputChannels * inputChannels)
        let g = Self.g
        for o in 0..<outputChannels {
            for c in 0..<inputChannels {
                let kernel = (0..<9).map { Double(weights[(o * inputChannels + c) * 9 + $0]) }
                // t = G · kernel (6×3), then U = t · Gᵀ (6×6); in Double to keep the transform exact.
                var t = [[Double]](repeating: [0, 0, 0], count: 6)
                for i in 0..<6 {
                    for j in 0..<3 {
                        t[i][j] = g[i][0] * kernel[j] + g[i][1] * kernel[3 + j] + g[i][2] * kernel[6 + j]
                    }
                }
                for i in 0..<6 {
                    for j in 0..<6 {
                        let u = t[i][0] * g[j][0] + t[i][1] * g[j][1] + t[i][2] * g[j][2]
                        values[((i * 6 + j) * outputChannels + o) * inputChannels + c] = Float(u)
                    }
                }
            }
        }
        self.values = values
    }
}
