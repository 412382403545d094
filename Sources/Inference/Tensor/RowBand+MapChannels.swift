extension RowBand {
    /// A new `channels × outputRows × outputWidth` tensor whose planes `fill` writes one channel at
    /// a time, channels split over the context's threads. `fill` gets the channel's input plane
    /// (starting at the band's first row, `tensor.width` floats a row) and its output plane.
    func mapChannels(
        outputRows: Int, outputWidth: Int, context: ComputeContext,
        _ fill: @Sendable (_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) -> Void
    ) -> Tensor {
        let channels = tensor.channels
        var output = Tensor(uninitializedChannels: channels, height: outputRows, width: outputWidth, pool: context.pool)
        let inputPlane = tensor.planeSize
        let outputPlane = output.planeSize
        tensor.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                let source = UnsafeSendablePointer(src.baseAddress!)
                let destination = UnsafeMutableSendablePointer(dst.baseAddress!)
                context.parallelRanges(channels) { range in
                    for channel in range {
                        fill(source.pointer + channel * inputPlane, destination.pointer + channel * outputPlane)
                    }
                }
            }
        }
        return output
    }
}
