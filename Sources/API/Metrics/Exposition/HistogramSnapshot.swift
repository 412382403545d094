/// A histogram as Prometheus exposes it: cumulative counts per upper bound, plus sum and count.
public struct HistogramSnapshot: Sendable, Equatable {
    /// Finite upper bounds, ascending; `+Inf` is implied and its count is `count`.
    public var upperBounds: [Double]
    /// Observations ≤ each bound (cumulative, same length as `upperBounds`).
    public var cumulativeCounts: [UInt64]
    /// Sum of every observation.
    public var sum: Double
    /// Number of observations (the `+Inf` bucket).
    public var count: UInt64

    public init(upperBounds: [Double], cumulativeCounts: [UInt64], sum: Double, count: UInt64) {
        precondition(upperBounds.count == cumulativeCounts.count, "one cumulative count per bound")
        self.upperBounds = upperBounds
        self.cumulativeCounts = cumulativeCounts
        self.sum = sum
        self.count = count
    }

    /// Builds a snapshot from per-bucket (not cumulative) counts; `perBucket` has one more entry
    /// than `upperBounds`, the observations above the last bound.
    public init(upperBounds: [Double], perBucket: [UInt64], sum: Double) {
        precondition(perBucket.count == upperBounds.count + 1, "one count per bound plus the overflow")
        var running: UInt64 = 0
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(upperBounds.count)
        for index in upperBounds.indices {
            running += perBucket[index]
            cumulative.append(running)
        }
        self.init(upperBounds: upperBounds, cumulativeCounts: cumulative, sum: sum, count: running + perBucket[upperBounds.count])
    }

    /// The `q`-quantile (0…1) estimated the way Prometheus' `histogram_quantile` does: linear
    /// interpolation inside the bucket that holds it, the lowest bucket starting at 0; an answer
    /// in the `+Inf` bucket is the highest finite bound. Nil without observations.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0, q >= 0, q <= 1 else { return nil }
        let rank = q * Double(count)
        var lowerBound = 0.0
        var below: UInt64 = 0
        for (index, bound) in upperBounds.enumerated() {
            let cumulative = cumulativeCounts[index]
            if Double(cumulative) >= rank, cumulative > below {
                let inBucket = Double(cumulative - below)
                return lowerBound + (bound - lowerBound) * ((rank - Double(below)) / inBucket)
            }
            lowerBound = bound
            below = cumulative
        }
        return upperBounds.last
    }
}
