import CFFmpeg

extension VideoDecoder {
    /// The next frame in presentation order, or nil at the end of the stream.
    ///
    /// - Throws: `VideoError.corruptStream` for unreadable or undecodable data
    ///   (`MediaError.conversionFailed` if libswscale cannot convert a picture); once it has
    ///   thrown, every later call throws the same error.
    public func nextFrame() throws -> VideoFrame? {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        do {
            return try decodeNext()
        } catch {
            failure = error
            throw error
        }
    }

    /// Calls `body` with every remaining frame, in order.
    public func forEachFrame(_ body: (VideoFrame) throws -> Void) throws {
        while let frame = try nextFrame() { try body(frame) }
    }

    /// Pixel format of the last decoded picture (`yuv420p`, ...); nil before the first frame.
    public var sourcePixelFormat: String? {
        lock.lock()
        defer { lock.unlock() }
        return lastPixelFormat
    }

    /// Frames produced so far.
    public var framesDecoded: Int {
        lock.lock()
        defer { lock.unlock() }
        return framesOut
    }
}

extension VideoDecoder {
    /// Feeds packets until the codec yields a frame, then converts it.
    func decodeNext() throws -> VideoFrame? {
        if finished { return nil }
        while true {
            let received = avcodec_receive_frame(codec, frame)
            if received >= 0 {
                defer { av_frame_unref(frame) }
                let pts = frame.pointee.best_effort_timestamp
                if pts != Libav.noPTS, !range.contains(pts) {
                    // Frames come in presentation order: past the end, none of the rest is wanted.
                    if let end = range.end, pts >= end {
                        finished = true
                        return nil
                    }
                    continue
                }
                return try makeFrame()
            }
            if received == Libav.eof {
                finished = true
                return nil
            }
            guard received == Libav.eagain, !sentEndOfStream else {
                throw VideoError.corruptStream(frameIndex: framesOut, detail: Libav.describe(received))
            }
            try sendNextPacket()
        }
    }

    private func sendNextPacket() throws {
        let status = av_read_frame(input.context, packet)
        if status == Libav.eof {
            sentEndOfStream = true
            // A null packet puts the codec in draining mode: it returns its delayed frames, then EOF.
            try Libav.check(avcodec_send_packet(codec, nil), "avcodec_send_packet(flush)")
            return
        }
        guard status >= 0 else {
            throw VideoError.corruptStream(frameIndex: framesOut, detail: "cannot read packet: \(Libav.describe(status))")
        }
        defer { av_packet_unref(packet) }
        guard packet.pointee.stream_index == streamIndex else { return }
        packetsIn += 1
        if strict, packet.pointee.flags & AV_PKT_FLAG_CORRUPT != 0 {
            throw VideoError.corruptStream(frameIndex: framesOut, detail: "the container marks packet \(packetsIn) as corrupt")
        }
        let sent = avcodec_send_packet(codec, packet)
        // EAGAIN cannot happen here (every frame is received before the next send), but it is
        // harmless; anything else is damaged data.
        if sent < 0, sent != Libav.eagain {
            throw VideoError.corruptStream(frameIndex: framesOut, detail: Libav.describe(sent))
        }
    }

    private func makeFrame() throws -> VideoFrame {
        let timestamp = frame.pointee.best_effort_timestamp
        let secondsPerTick = timeBase.isPositive ? Double(timeBase.numerator) / Double(timeBase.denominator) : 0
        let time: Double
        if timestamp != Libav.noPTS {
            time = Double(timestamp) * secondsPerTick
        } else {
            // No timestamp at all: assume constant rate after the previous frame.
            let step = frameRate.isPositive ? 1 / frameRate.doubleValue : 1.0 / 25
            time = (lastTime ?? -step) + step
        }
        lastTime = time
        lastPixelFormat = Libav.pixelFormatName(AVPixelFormat(frame.pointee.format))
        let pixels = try converter.packedPixels(
            from: frame, width: scaledSize.width, height: scaledSize.height,
            algorithm: PixelConverter.algorithm(fromWidth: Int(frame.pointee.width), height: Int(frame.pointee.height),
                                                toWidth: scaledSize.width, height: scaledSize.height),
            flags: PixelConverter.fast, colour: PixelConverter.colour(ofVideoFrame: frame))
        let image = RGBImage(validatedWidth: scaledSize.width, height: scaledSize.height, pixels: pixels)
        defer { framesOut += 1 }
        return VideoFrame(image: image.oriented(orientation), time: time, index: framesOut)
    }
}
