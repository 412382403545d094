import Foundation
import Inference
import Storage

/// Everything needed to create a job. The styles are already resolved to codes (a filter's cached
/// statistics or a freshly encoded style image); the job stores copies of them.
public struct JobRequest: Sendable {
    /// The owning account (`acct_…`).
    public var account: String
    /// The content blob in the service's blob store: a JPEG/PNG/WebP image or an MP4/MOV/MKV/WebM
    /// video. The job references it until it ends, so the sweeper keeps it that long.
    public var content: BlobKey
    /// One style, or several to interpolate by weight; empty for a masked job.
    public var styles: [WeightedStyle]
    /// A masked job's styles per region (with `options.mask`); nil otherwise.
    public var maskStyles: MaskStyles?
    public var options: JobOptions
    /// Overrides the priority derived from the account's plan (higher runs first).
    public var priority: Int?

    public init(account: String, content: BlobKey, styles: [WeightedStyle], options: JobOptions = JobOptions(), priority: Int? = nil,
                maskStyles: MaskStyles? = nil) {
        self.account = account
        self.content = content
        self.styles = styles
        self.options = options
        self.priority = priority
        self.maskStyles = maskStyles
    }
}

/// The styles of a mask's two regions, each a weighted mix (one filter from the API).
public struct MaskStyles: Sendable {
    public var white: [WeightedStyle]
    public var black: [WeightedStyle]

    public init(white: [WeightedStyle], black: [WeightedStyle]) {
        self.white = white
        self.black = black
    }
}
