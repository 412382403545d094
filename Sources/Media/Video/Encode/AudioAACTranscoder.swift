import CFFmpeg

/// Re-encodes the source's audio to AAC (FFmpeg's native encoder) for codecs MP4 players cannot
/// take as they are (PCM from cameras, Vorbis from WebM, ...): decode → swresample to planar
/// float at an AAC rate, mono or stereo → a FIFO that cuts encoder-sized frames → encode.
final class AudioAACTranscoder: AudioTrackWriter {
    let sourceCodecName: String
    private let reader: AudioPacketReader
    private let outputStream: UnsafeMutablePointer<AVStream>
    private let objects: (decoder: LibavObject<AVCodecContext>, encoder: LibavObject<AVCodecContext>,
                          decoded: LibavObject<AVFrame>, converted: LibavObject<AVFrame>, packet: LibavObject<AVPacket>)
    private var decoder: UnsafeMutablePointer<AVCodecContext> { objects.decoder.pointer }
    private var encoder: UnsafeMutablePointer<AVCodecContext> { objects.encoder.pointer }
    private var decoded: UnsafeMutablePointer<AVFrame> { objects.decoded.pointer }
    private var converted: UnsafeMutablePointer<AVFrame> { objects.converted.pointer }
    private var packet: UnsafeMutablePointer<AVPacket> { objects.packet.pointer }
    private let fifo: OpaquePointer
    private var resampler: OpaquePointer? = nil
    /// Output sample index of the next encoded frame; starts at the source's first timestamp
    /// so the audio keeps its offset against the video.
    private var nextPTS: Int64? = nil

    init(reader: AudioPacketReader, output: VideoOutputFile) throws {
        self.reader = reader
        let parameters: UnsafeMutablePointer<AVCodecParameters> = reader.stream.pointee.codecpar
        sourceCodecName = Libav.codecName(parameters.pointee.codec_id)
        guard let decoderCodec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw VideoError.audioCopyFailed(detail: "no decoder for \(sourceCodecName) audio")
        }
        guard let encoderCodec = avcodec_find_encoder(AV_CODEC_ID_AAC) else {
            throw VideoError.audioCopyFailed(detail: "no AAC encoder available")
        }
        outputStream = try output.addStream()
        objects = (try .codecContext(decoderCodec), try .codecContext(encoderCodec), try .frame(), try .frame(), try .packet())
        guard let fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, parameters.pointee.ch_layout.nb_channels == 1 ? 1 : 2, 1) else {
            throw Self.outOfMemory
        }
        self.fifo = fifo

        try Libav.check(avcodec_parameters_to_context(decoder, parameters), "avcodec_parameters_to_context(audio)")
        decoder.pointee.pkt_timebase = reader.stream.pointee.time_base
        try Libav.check(avcodec_open2(decoder, decoderCodec, nil), "avcodec_open2(\(sourceCodecName))")

        let channels: Int32 = parameters.pointee.ch_layout.nb_channels == 1 ? 1 : 2
        av_channel_layout_default(&encoder.pointee.ch_layout, channels)
        encoder.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        encoder.pointee.sample_rate = Self.closestRate(to: parameters.pointee.sample_rate, in: encoderCodec)
        encoder.pointee.bit_rate = Int64(channels) * 64_000
        encoder.pointee.time_base = AVRational(num: 1, den: encoder.pointee.sample_rate)
        if output.needsGlobalHeader { encoder.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        try Libav.check(avcodec_open2(encoder, encoderCodec, nil), "avcodec_open2(aac)")
        try Libav.check(avcodec_parameters_from_context(outputStream.pointee.codecpar, encoder), "avcodec_parameters_from_context(aac)")
        outputStream.pointee.time_base = encoder.pointee.time_base
    }

    deinit {
        swr_free(&resampler)
        av_audio_fifo_free(fifo)
    }

    private static let outOfMemory = VideoError.libav(operation: "audio transcoder", code: 0, message: "out of memory")

    /// The source's rate when AAC supports it (it supports every common one), else the nearest.
    private static func closestRate(to rate: Int32, in codec: UnsafePointer<AVCodec>) -> Int32 {
        guard let list = codec.pointee.supported_samplerates else { return rate > 0 ? rate : 48_000 }
        var best: Int32 = 48_000, index = 0
        while list[index] != 0 {
            if abs(list[index] - rate) < abs(best - rate) { best = list[index] }
            index += 1
        }
        return best
    }

    func write(before seconds: Double, into output: VideoOutputFile) throws {
        try reader.forEachPacket(before: seconds) { packet in
            try decode(packet, into: output)
        }
    }

    func finish(before cutoff: Double, into output: VideoOutputFile) throws {
        try write(before: cutoff, into: output)
        try decode(nil, into: output)
        if resampler != nil {
            // A nil input drains the resampler's delay line.
            try convert(nil)
        }
        try encodeFIFO(flushing: true, into: output)
        try check(avcodec_send_frame(encoder, nil))
        try drainEncoder(into: output)
    }

    /// Sends one packet (nil: end of stream) and pushes every decoded frame through.
    private func decode(_ packet: UnsafeMutablePointer<AVPacket>?, into output: VideoOutputFile) throws {
        try check(avcodec_send_packet(decoder, packet))
        while true {
            let status = avcodec_receive_frame(decoder, decoded)
            if status == Libav.eagain || status == Libav.eof { return }
            try check(status)
            defer { av_frame_unref(decoded) }
            if nextPTS == nil {
                let timestamp = decoded.pointee.best_effort_timestamp
                let seconds = timestamp == Libav.noPTS ? 0 : Double(timestamp) * av_q2d(reader.stream.pointee.time_base)
                nextPTS = Int64((seconds * Double(encoder.pointee.sample_rate)).rounded())
            }
            try convert(decoded)
            try encodeFIFO(flushing: false, into: output)
        }
    }

    /// Resamples `frame` (nil: flush) to the encoder's format and queues it in the FIFO.
    private func convert(_ frame: UnsafeMutablePointer<AVFrame>?) throws {
        converted.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        converted.pointee.sample_rate = encoder.pointee.sample_rate
        try check(av_channel_layout_copy(&converted.pointee.ch_layout, &encoder.pointee.ch_layout))
        if let frame {
            if frame.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
                // Some containers only give a channel count; assume its usual layout.
                av_channel_layout_default(&frame.pointee.ch_layout, frame.pointee.ch_layout.nb_channels)
            }
            if resampler == nil {
                resampler = swr_alloc()
                guard resampler != nil else { throw Self.outOfMemory }
                try check(swr_config_frame(resampler, converted, frame))
                try check(swr_init(resampler))
            }
        }
        defer { av_frame_unref(converted) }
        try check(swr_convert_frame(resampler, converted, frame))
        guard converted.pointee.nb_samples > 0 else { return }
        let planes = UnsafeMutableRawPointer(converted.pointee.extended_data)
            .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        let written = av_audio_fifo_write(fifo, planes, converted.pointee.nb_samples)
        guard written == converted.pointee.nb_samples else { throw Self.outOfMemory }
    }

    /// Encodes whole encoder frames from the FIFO (and, when flushing, the short remainder).
    private func encodeFIFO(flushing: Bool, into output: VideoOutputFile) throws {
        let frameSize = encoder.pointee.frame_size > 0 ? encoder.pointee.frame_size : 1024
        while av_audio_fifo_size(fifo) >= frameSize || (flushing && av_audio_fifo_size(fifo) > 0) {
            let owned = try LibavObject.frame()
            let frame = owned.pointer
            frame.pointee.nb_samples = min(frameSize, av_audio_fifo_size(fifo))
            frame.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            frame.pointee.sample_rate = encoder.pointee.sample_rate
            try check(av_channel_layout_copy(&frame.pointee.ch_layout, &encoder.pointee.ch_layout))
            try check(av_frame_get_buffer(frame, 0))
            let planes = UnsafeMutableRawPointer(frame.pointee.extended_data)
                .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
            let read = av_audio_fifo_read(fifo, planes, frame.pointee.nb_samples)
            guard read == frame.pointee.nb_samples else { throw Self.outOfMemory }
            frame.pointee.pts = nextPTS ?? 0
            nextPTS = (nextPTS ?? 0) + Int64(read)
            try check(avcodec_send_frame(encoder, frame))
            try drainEncoder(into: output)
        }
    }

    private func drainEncoder(into output: VideoOutputFile) throws {
        while true {
            let status = avcodec_receive_packet(encoder, packet)
            if status == Libav.eagain || status == Libav.eof { return }
            try check(status)
            av_packet_rescale_ts(packet, encoder.pointee.time_base, outputStream.pointee.time_base)
            packet.pointee.stream_index = outputStream.pointee.index
            try output.write(packet)
        }
    }

    private func check(_ status: Int32) throws {
        guard status < 0, status != Libav.eof else { return }
        throw VideoError.audioCopyFailed(detail: "\(sourceCodecName) → aac: \(Libav.describe(status))")
    }
}
