import Foundation

/// What one render produced: the finished file (already at its final path) and where time went.
package struct RenderOutcome: Sendable {
    let file: URL
    let width: Int
    let height: Int
    let frames: Int
    let times: StageTimes
    /// Pixels that went through the network, in megapixels (for the per-model speed metric).
    let megapixels: Double
}
