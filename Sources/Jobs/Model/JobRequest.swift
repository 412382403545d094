import Foundation
import Inference

/// Everything needed to create a job. The styles are already resolved to codes (a filter's cached
/// statistics or a freshly encoded style image); the job stores copies of them.
public struct JobRequest: Sendable {
    /// The owning account (`acct_…`).
    public var account: String
    /// The stored content file: a JPEG/PNG/WebP image or an MP4/MOV/MKV/WebM video. It must stay
    /// in place until the job ends.
    public var content: URL
    /// One style, or several to interpolate by weight.
    public var styles: [WeightedStyle]
    public var options: JobOptions
    /// Overrides the priority derived from the account's plan (higher runs first).
    public var priority: Int?

    public init(account: String, content: URL, styles: [WeightedStyle], options: JobOptions = JobOptions(), priority: Int? = nil) {
        self.account = account
        self.content = content
        self.styles = styles
        self.options = options
        self.priority = priority
    }
}
