import CFFmpeg

/// Owns one libav allocation (codec context, frame or packet) and frees it with the matching
/// libav function when released, so a wrapper whose initialiser throws half-way leaks nothing
/// and needs no hand-written clean-up.
final class LibavObject<Pointee> {
    typealias Free = (UnsafeMutablePointer<UnsafeMutablePointer<Pointee>?>) -> Void

    let pointer: UnsafeMutablePointer<Pointee>
    private let free: Free

    private init(_ pointer: UnsafeMutablePointer<Pointee>?, allocator: String, free: @escaping Free) throws {
        guard let pointer else { throw VideoError.libav(operation: allocator, code: 0, message: "out of memory") }
        self.pointer = pointer
        self.free = free
    }

    deinit {
        var owned: UnsafeMutablePointer<Pointee>? = pointer
        free(&owned)
    }
}

extension LibavObject where Pointee == AVFrame {
    static func frame() throws -> LibavObject {
        try LibavObject(av_frame_alloc(), allocator: "av_frame_alloc") { av_frame_free($0) }
    }
}

extension LibavObject where Pointee == AVPacket {
    static func packet() throws -> LibavObject {
        try LibavObject(av_packet_alloc(), allocator: "av_packet_alloc") { av_packet_free($0) }
    }
}

extension LibavObject where Pointee == AVCodecContext {
    static func codecContext(_ codec: UnsafePointer<AVCodec>) throws -> LibavObject {
        try LibavObject(avcodec_alloc_context3(codec), allocator: "avcodec_alloc_context3") { avcodec_free_context($0) }
    }
}
