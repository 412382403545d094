/// Per-channel statistics, as used by AdaIN and MicroAST's style code.
extension Tensor {
    /// Per-channel mean and standard deviation with the unbiased variance (N / (N - 1)) and
    /// `epsilon` added to the variance before the square root — PyTorch's `var()` + eps, exactly
    /// as pytorch-AdaIN's `calc_mean_std` and MicroAST's reference graph compute it.
    /// Accumulates in Double so large maps do not lose precision.
    func channelMeanAndStd(epsilon: Float = 1e-5, context: ComputeContext) -> (mean: [Float], std: [Float]) {
        var means = [Float](repeating: 0, count: channels)
        var stds = [Float](repeating: 0, count: channels)
        let count = planeSize
        let correction = Double(count) / Double(max(count - 1, 1))
        withUnsafeBufferPointer { src in
            means.withUnsafeMutableBufferPointer { m in
                stds.withUnsafeMutableBufferPointer { s in
                    let source = UnsafeSendablePointer(src.baseAddress!)
                    let meanOut = UnsafeMutableSendablePointer(m.baseAddress!)
                    let stdOut = UnsafeMutableSendablePointer(s.baseAddress!)
                    context.parallelRanges(channels) { range in
                        for channel in range {
                            let plane = source.pointer + channel * count
                            let mean = Self.sum(plane, count) / Double(count)
                            let variance = Self.sumOfSquaredDeviations(plane, count, from: Float(mean)) / Double(count)
                            meanOut.pointer[channel] = Float(mean)
                            stdOut.pointer[channel] = Float((variance * correction + Double(epsilon)).squareRoot())
                        }
                    }
                }
            }
        }
        return (means, stds)
    }

    /// Per-channel means (global average pooling).
    func channelMeans(context: ComputeContext) -> [Float] {
        var means = [Float](repeating: 0, count: channels)
        let count = planeSize
        withUnsafeBufferPointer { src in
            means.withUnsafeMutableBufferPointer { m in
                let source = UnsafeSendablePointer(src.baseAddress!)
                let meanOut = UnsafeMutableSendablePointer(m.baseAddress!)
                context.parallelRanges(channels) { range in
                    for channel in range {
                        meanOut.pointer[channel] = Float(Self.sum(source.pointer + channel * count, count) / Double(count))
                    }
                }
            }
        }
        return means
    }

    /// Sums blocks in Float (vectorisable) and the block sums in Double.
    private static func sum(_ values: UnsafePointer<Float>, _ count: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var partial: Float = 0
            for index in start..<end { partial += values[index] }
            total += Double(partial)
            start = end
        }
        return total
    }

    private static func sumOfSquaredDeviations(_ values: UnsafePointer<Float>, _ count: Int, from mean: Float) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var partial: Float = 0
            for index in start..<end {
                let deviation = values[index] - mean
                partial += deviation * deviation
            }
            total += Double(partial)
            start = end
        }
        return total
    }
}
