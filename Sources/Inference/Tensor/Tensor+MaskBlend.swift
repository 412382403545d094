extension Tensor {
    /// `self = m · self + (1 − m) · other` per spatial position, `m` one weight per position
    /// (the same for every channel): how a mask's two stylized feature maps become one.
    mutating func blend(with other: Tensor, weights: [Float], context: ComputeContext) {
        precondition(other.channels == channels && other.height == height && other.width == width, "blended tensors differ in shape")
        precondition(weights.count == planeSize, "one blend weight per position")
        let count = planeSize
        let channels = self.channels
        other.withUnsafeBufferPointer { otherBuffer in
            withUnsafeMutableBufferPointer { buffer in
                let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
                let second = UnsafeSendablePointer(otherBuffer.baseAddress!)
                weights.withUnsafeBufferPointer { weightBuffer in
                    let mask = UnsafeSendablePointer(weightBuffer.baseAddress!)
                    context.parallelRanges(channels) { range in
                        for channel in range {
                            let plane = base.pointer + channel * count
                            let source = second.pointer + channel * count
                            for index in 0..<count {
                                let m = mask.pointer[index]
                                plane[index] = m * plane[index] + (1 - m) * source[index]
                            }
                        }
                    }
                }
            }
        }
    }
}
