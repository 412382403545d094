/// In-place per-channel arithmetic for the feature maps between the row-local layers.
extension Tensor {
    /// `x[c] = x[c] * scale[c] + shift[c]`: AdaIN and its blend with the content are a per-channel
    /// affine map once the statistics are known.
    mutating func applyChannelAffine(scale: [Float], shift: [Float], context: ComputeContext) {
        precondition(scale.count == channels && shift.count == channels, "affine needs one scale and shift per channel")
        let count = planeSize
        let channels = self.channels
        withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
            context.parallelRanges(channels) { range in
                for channel in range {
                    let plane = base.pointer + channel * count
                    let a = scale[channel]
                    let b = shift[channel]
                    for index in 0..<count { plane[index] = plane[index] * a + b }
                }
            }
        }
    }

    /// `self[c] = w[c] * self[c] + b[c] * other[c]`, then ReLU when asked: MicroAST's modulation
    /// of a residual block's activations by the style's kernels.
    mutating func modulate(weight: [Float], bias: [Float], other: Tensor, relu: Bool, context: ComputeContext) {
        precondition(other.count == count && weight.count == channels && bias.count == channels, "modulation shape mismatch")
        let count = planeSize
        let channels = self.channels
        other.withUnsafeBufferPointer { otherBuffer in
            withUnsafeMutableBufferPointer { buffer in
                let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
                let second = UnsafeSendablePointer(otherBuffer.baseAddress!)
                context.parallelRanges(channels) { range in
                    for channel in range {
                        let plane = base.pointer + channel * count
                        let source = second.pointer + channel * count
                        let w = weight[channel]
                        let b = bias[channel]
                        if relu {
                            for index in 0..<count { plane[index] = max(w * plane[index] + b * source[index], 0) }
                        } else {
                            for index in 0..<count { plane[index] = w * plane[index] + b * source[index] }
                        }
                    }
                }
            }
        }
    }

    /// `self += other`, elementwise.
    mutating func add(_ other: Tensor, context: ComputeContext) {
        precondition(other.count == count, "addition shape mismatch")
        let count = self.count
        other.withUnsafeBufferPointer { otherBuffer in
            withUnsafeMutableBufferPointer { buffer in
                let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
                let second = UnsafeSendablePointer(otherBuffer.baseAddress!)
                context.parallelRanges(count, minimumChunk: 65536) { range in
                    for index in range { base.pointer[index] += second.pointer[index] }
                }
            }
        }
    }
}
