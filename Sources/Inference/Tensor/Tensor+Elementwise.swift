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
        precondition(other.count == count, "modulation shape mismatch")
        other.withUnsafeBufferPointer {
            modulate(weight: weight, bias: bias, other: $0.baseAddress!, otherPlaneStride: other.planeSize, relu: relu, context: context)
        }
    }

    /// The modulation with `other`'s channel `c` read at `other + c * otherPlaneStride` (this
    /// tensor's rows inside a taller band, read without slicing it out first).
    mutating func modulate(weight: [Float], bias: [Float], other: UnsafePointer<Float>, otherPlaneStride: Int,
                           relu: Bool, context: ComputeContext) {
        precondition(weight.count == channels && bias.count == channels, "modulation needs one weight and bias per channel")
        combinePlanes(with: other, otherPlaneStride: otherPlaneStride, context: context) { channel, plane, source, count in
            let w = weight[channel]
            let b = bias[channel]
            if relu {
                for index in 0..<count { plane[index] = max(w * plane[index] + b * source[index], 0) }
            } else {
                for index in 0..<count { plane[index] = w * plane[index] + b * source[index] }
            }
        }
    }

    /// `self[c] += other[c]` with `other`'s channel `c` at `other + c * otherPlaneStride`.
    mutating func add(_ other: UnsafePointer<Float>, otherPlaneStride: Int, context: ComputeContext) {
        combinePlanes(with: other, otherPlaneStride: otherPlaneStride, context: context) { _, plane, source, count in
            for index in 0..<count { plane[index] += source[index] }
        }
    }

    /// Calls `body` with each channel's plane of this tensor and the matching plane of `other`
    /// (channel `c` at `other + c * otherPlaneStride`), channels split over the context's threads.
    private mutating func combinePlanes(
        with other: UnsafePointer<Float>, otherPlaneStride: Int, context: ComputeContext,
        _ body: @Sendable (_ channel: Int, _ plane: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int) -> Void
    ) {
        let count = planeSize
        let channels = self.channels
        let second = UnsafeSendablePointer(other)
        withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
            context.parallelRanges(channels) { range in
                for channel in range {
                    body(channel, base.pointer + channel * count, second.pointer + channel * otherPlaneStride, count)
                }
            }
        }
    }
}
