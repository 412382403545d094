import Foundation
import Media

/// cutBunny re-encoded with a keyframe every `keyframeInterval` frames (cutBunny itself has two,
/// so it cannot be cut into segments), fitted to `maxSide`, with its AAC audio: real footage for
/// the tests of videos spread over several workers.
public enum KeyframedVideo {
    public static func write(to url: URL, maxSide: Int, keyframeInterval: Int = 24) throws {
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: maxSide)
        let encoder = try VideoEncoder(url: url, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: decoder.frameRate, timeBase: decoder.timeBase, audioFrom: Fixtures.video,
                                       settings: .init(preset: "ultrafast", keyframeInterval: keyframeInterval))
        try decoder.forEachFrame { try encoder.encode($0) }
        try encoder.finish()
    }
}
