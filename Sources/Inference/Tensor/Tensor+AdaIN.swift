extension Tensor {
    /// Adaptive instance normalisation blended with the input:
    /// `alpha · ((x − μ(x)) / σ(x) · σₛ + μₛ) + (1 − alpha) · x`, per channel. Both terms are
    /// affine in x, so this is one in-place pass once x's statistics are known.
    ///
    /// With a `smoother`, μ(x) and σ(x) are its running averages at `site` (a video's earlier
    /// frames) rather than this frame's own.
    mutating func applyAdaIN(styleMean: ArraySlice<Float>, styleStd: ArraySlice<Float>, alpha: Float,
                             smoother: ContentStatisticsSmoother? = nil, site: Int = 0, context: ComputeContext) {
        precondition(styleMean.count == channels && styleStd.count == channels, "AdaIN statistics must have one value per channel")
        var (mean, std) = channelMeanAndStd(context: context)
        if let smoother { (mean, std) = smoother.smoothed(site: site, mean: mean, std: std) }
        var scale = [Float](repeating: 0, count: channels)
        var shift = [Float](repeating: 0, count: channels)
        for channel in 0..<channels {
            let targetMean = styleMean[styleMean.startIndex + channel]
            let gain = styleStd[styleStd.startIndex + channel] / std[channel]
            scale[channel] = alpha * gain + (1 - alpha)
            shift[channel] = alpha * (targetMean - mean[channel] * gain)
        }
        applyChannelAffine(scale: scale, shift: shift, context: context)
    }
}
