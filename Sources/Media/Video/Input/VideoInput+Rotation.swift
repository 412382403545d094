import CFFmpeg

extension VideoInput {
    /// Clockwise degrees (0/90/180/270) a player must turn this stream's pictures, from the
    /// display matrix side data (what phones write) or the legacy `rotate` tag.
    static func rotation(of stream: UnsafeMutablePointer<AVStream>) -> Int {
        var size = 0
        if let data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size), size >= 9 * 4 {
            // The matrix stores a counter-clockwise angle; players rotate the opposite way.
            let counterClockwise = data.withMemoryRebound(to: Int32.self, capacity: 9) {
                av_display_rotation_get($0)
            }
            if counterClockwise.isFinite { return normalized(-counterClockwise) }
        }
        if let tag = av_dict_get(stream.pointee.metadata, "rotate", nil, 0),
           let degrees = Double(String(cString: tag.pointee.value)) {
            return normalized(degrees)
        }
        return 0
    }

    /// Snaps to the nearest quarter turn in 0..<360; other angles do not occur in practice.
    static func normalized(_ degrees: Double) -> Int {
        let quarterTurns = Int((degrees / 90).rounded())
        return ((quarterTurns * 90) % 360 + 360) % 360
    }
}
