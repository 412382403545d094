/// How `VideoWriter` encodes: H.264 (libx264) in MP4, 4:2:0, BT.709.
public struct VideoEncodingOptions: Sendable, Equatable {
    /// Frames per second of the output (e.g. the input's `VideoInfo.frameRate`).
    public var frameRate: Double
    /// x264 constant rate factor: 0 (lossless) ... 51 (worst); 18–23 is visually good.
    public var constantRateFactor: Int
    /// x264 speed preset, "ultrafast" ... "veryslow".
    public var preset: String
    /// Encoder threads; 0 lets libx264 choose.
    public var threads: Int

    public init(frameRate: Double, constantRateFactor: Int = 20, preset: String = "veryfast", threads: Int = 0) {
        self.frameRate = frameRate
        self.constantRateFactor = constantRateFactor
        self.preset = preset
        self.threads = threads
    }
}
