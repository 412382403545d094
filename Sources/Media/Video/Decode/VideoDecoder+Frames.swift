import CFFmpeg

extension VideoDecoder {
    /// The next frame in presentation order, or nil at the end of the stream.
    ///
    /// - Throws: `VideoError.corruptStream` for unreadable or undecodable data; once it has
    ///   thrown, every later call throws the same error.
    public func nextFrame() throws -> VideoFrame? {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        do {
            return try decodeNext()
        } catch let error as VideoError {
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
                return try makeFrame()
            }
            if received == LibAV.eof {
                finished = true
                return nil
            }
            guard received == LibAV.again, !sentEndOfStream else {
                throw VideoError.corruptStream(frameIndex: framesOut, detail: LibAV.message(received))
            }
            try sendNextPacket()
        }
    }

    private func sendNextPacket() throws {
        let status = av_read_frame(input.context, packet)
        if status == LibAV.eof {
            sentEndOfStream = true
            // A null packet puts the codec in draining mode: it returns its delayed frames, then EOF.
            try LibAV.check(avcodec_send_packet(codec, nil), "avcodec_send_packet(flush)")
            return
        }
        guard status >= 0 else {
            throw VideoError.corruptStream(frameIndex: framesOut, detail: "cannot read packet: \(LibAV.message(status))")
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
        if sent < 0, sent != LibAV.again {
            throw VideoError.corruptStream(frameIndex: framesOut, detail: LibAV.message(sent))
        }
    }

    private func makeFrame() throws -> VideoFrame {
        let timestamp = frame.pointee.best_effort_timestamp
        let secondsPerTick = timeBase.isPositive ? Double(timeBase.numerator) / Double(timeBase.denominator) : 0
        let time: Double
        if timestamp != LibAV.noPTS {
            time = Double(timestamp) * secondsPerTick
        } else {
            // No timestamp at all: assume constant rate after the previous frame.
            let step = frameRate.isPositive ? 1 / frameRate.doubleValue : 1.0 / 25
            time = (lastTime ?? -step) + step
        }
        lastTime = time
        if let name = av_get_pix_fmt_name(AVPixelFormat(frame.pointee.format)) { lastPixelFormat = String(cString: name) }
        let pixels = try converter.convert(frame)
        let upright = RGBRotation.rotate(pixels, width: converter.outputWidth,
                                         height: converter.outputHeight, clockwise: rotation)
        defer { framesOut += 1 }
        return VideoFrame(width: upright.width, height: upright.height, pixels: upright.pixels,
                          time: time, index: framesOut)
    }
}
