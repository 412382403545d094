extension VideoEncoder {
    /// Quality and metadata knobs for the H.264 output.
    public struct Settings: Sendable, Equatable {
        /// The file format written.
        public enum Container: String, Sendable, Equatable {
            /// MP4 (what every player and browser takes); the default.
            case mp4
            /// Matroska (.mkv). No faststart or rotation metadata.
            case matroska
        }

        /// What to do with the source's audio.
        public enum AudioHandling: String, Sendable, Equatable {
            /// Copy when the output can carry the codec playably, else re-encode to AAC.
            case copyOrTranscode
            /// Copy when possible, else leave the result silent.
            case copyOnly
            /// Always re-encode to AAC.
            case transcode
        }

        /// How colour is sampled relative to brightness.
        public enum Chroma: String, Sendable, Equatable {
            /// yuv420p: what every player supports; needs even width and height.
            case yuv420
            /// yuv444p (H.264 High 4:4:4): full-resolution colour and any size, but many
            /// players (browsers, phones) cannot play it. For archiving and tests.
            case yuv444
        }

        /// x264 constant rate factor: 0 lossless … 51 worst; 18–23 is visually good.
        public var crf: Int
        /// x264 speed/size trade-off (`ultrafast` … `veryslow`).
        public var preset: String
        /// Encoder threads; 0 lets FFmpeg choose.
        public var threadCount: Int
        /// Clockwise display rotation (0/90/180/270) to record in the MP4 as a display matrix
        /// (MP4 only).
        /// Frames are stored as given; players turn them. Stylify's own output is already upright.
        public var rotation: Int
        /// Move the `moov` index before the media data so playback can start while downloading.
        public var faststart: Bool
        public var chroma: Chroma
        public var container: Container
        public var audio: AudioHandling
        /// Whether the encoder may reorder frames (B-frames). Off, every packet's decode time is
        /// its presentation time, so separately encoded pieces of one video can be joined by
        /// copying their packets (`VideoSegmentJoiner`).
        public var reordersFrames: Bool
        /// At most this many frames from one keyframe to the next (where a video can be cut,
        /// `VideoSegmentPlan`); 0 leaves it to the encoder (x264: 250, and at scene changes).
        public var keyframeInterval: Int

        public init(crf: Int = 20, preset: String = "veryfast", threadCount: Int = 0,
                    rotation: Int = 0, faststart: Bool = true, chroma: Chroma = .yuv420,
                    container: Container = .mp4, audio: AudioHandling = .copyOrTranscode,
                    reordersFrames: Bool = true, keyframeInterval: Int = 0) {
            self.reordersFrames = reordersFrames
            self.keyframeInterval = max(0, keyframeInterval)
            self.audio = audio
            self.container = container
            self.chroma = chroma
            self.crf = crf
            self.preset = preset
            self.threadCount = threadCount
            self.rotation = rotation
            self.faststart = faststart
        }
    }
}
