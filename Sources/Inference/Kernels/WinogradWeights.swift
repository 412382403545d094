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
        let g = Self.g
        let pairs = outputChannels * inputChannels
        let values = [Float](unsafeUninitializedCapacity: 36 * pairs) { out, initialized in
            var t = [Double](repeating: 0, count: 18)
            weights.withUnsafeBufferPointer { w in
                for pair in 0..<pairs {
                    let kernel = w.baseAddress! + pair * 9
                    // t = G · kernel (6×3), then U = t · Gᵀ (6×6); in Double to keep the transform exact.
                    for i in 0..<6 {
                        for j in 0..<3 {
                            t[i * 3 + j] = g[i][0] * Double(kernel[j]) + g[i][1] * Double(kernel[3 + j]) + g[i][2] * Double(kernel[6 + j])
                        }
                    }
                    for i in 0..<6 {
                        for j in 0..<6 {
                            let u = t[i * 3] * g[j][0] + t[i * 3 + 1] * g[j][1] + t[i * 3 + 2] * g[j][2]
                            out[(i * 6 + j) * pairs + pair] = Float(u)
                        }
                    }
                }
            }
            initialized = 36 * pairs
        }
        self.values = values
    }
}
