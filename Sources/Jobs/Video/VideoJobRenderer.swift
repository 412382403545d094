import Foundation
import Inference
import Media

/// Renders a video job as three overlapping stages: a decode thread, inference on the calling
/// thread, and an encode thread, joined by small bounded queues so the decoder and encoder work
/// while the network runs and memory stays bounded. Frames keep their source timestamps; the
/// source's audio is copied; the MP4 appears at `output` only when everything succeeded.
///
/// `package`: the video benchmark (`Benchmarks.VideoJobThroughput`) renders exactly as a job does.
package struct VideoJobRenderer: Sendable {
    let stylizer: ImageStylizer
    /// Frames buffered between stages.
    let queueCapacity: Int
    /// Threads of the decoder and of the encoder (0 lets FFmpeg choose).
    let codecThreads: Int

    package init(stylizer: ImageStylizer, queueCapacity: Int, codecThreads: Int) {
        self.stylizer = stylizer
        self.queueCapacity = queueCapacity
        self.codecThreads = codecThreads
    }

    /// Frames are steadied by a `TemporalStabilizer` at `options.temporalSmoothing` (0: each
    /// frame exactly as frame-by-frame); a mask is resampled to the output size once.
    ///
    /// With `piece`, only the frames in that range are rendered, without audio and without
    /// B-frames: one piece of a segmented job, for `VideoSegmentJoiner` (which adds the audio).
    package func render(content: URL, styling: JobStyling, options: JobOptions, output: URL,
                        control: RunControl, piece: VideoTimestampRange? = nil) throws -> RenderOutcome {
        // One codec thread per stage: inference already uses every core in fork-join steps, and
        // extra decoder/x264 threads only preempt one of its chunks and stall the whole step.
        let decoder = try VideoDecoder(url: content, outputMaxSide: options.maxSide, threadCount: codecThreads,
                                       range: piece ?? .all)
        let size = decoder.outputSize
        let encoder = try VideoEncoder(
            url: output, width: size.width, height: size.height, frameRate: try frameRate(of: decoder, content: content),
            timeBase: decoder.timeBase, audioFrom: piece == nil ? content : nil,
            settings: VideoEncoder.Settings(threadCount: codecThreads, reordersFrames: piece == nil))
        let decoded = BoundedQueue<VideoFrame>(capacity: queueCapacity)
        let stylized = BoundedQueue<VideoFrame>(capacity: queueCapacity)
        let decodeStage = Stage(name: "stylify-decode") {
            try Self.decodeAll(decoder, into: decoded, control: control)
        }
        let encodeStage = Stage(name: "stylify-encode") {
            try Self.encodeAll(from: stylized, into: encoder, control: control)
        }
        decodeStage.onFailure = { error in decoded.abort(error); stylized.abort(error) }
        encodeStage.onFailure = { error in decoded.abort(error); stylized.abort(error) }
        decodeStage.start()
        encodeStage.start()

        let arrangement = try styling.arrangement(width: size.width, height: size.height)
        let stabilizer = TemporalStabilizer(smoothing: options.temporalSmoothing)
        let clock = ContinuousClock()
        var inference = Duration.zero
        var frames = 0
        var megapixels = 0.0
        var inferenceError: (any Error)?
        do {
            while let frame = try decoded.take() {
                try control.checkpoint()
                let start = clock.now
                let image = try stabilizer.stabilize(source: frame.image, stylized: try control.interruptible {
                    try stylizer.stylize(frame: frame.image, arrangement: arrangement, options: options.stylizeOptions,
                                         smoother: stabilizer.smoother, shouldStop: control.shouldStop)
                })
                inference += clock.now - start
                megapixels += Double(image.width * image.height) / 1e6
                try stylized.put(VideoFrame(image: image, time: frame.time, index: frame.index))
                frames += 1
                control.advance(to: frames)
            }
            stylized.finish()
        } catch {
            inferenceError = error
            decoded.abort(error)
            stylized.abort(error)
        }
        // Both threads are joined whatever happened, so none outlives the job.
        let decodeResult = Result { try decodeStage.join() }
        let encodeResult = Result { try encodeStage.join() }
        let failure = inferenceError ?? decodeResult.failure ?? encodeResult.failure
        if let failure {
            encoder.cancel()
            throw failure
        }
        let decodeTime = try decodeResult.get(), encodeTime = try encodeResult.get()
        return RenderOutcome(
            file: output, width: size.width, height: size.height, frames: frames,
            times: StageTimes(decode: decodeTime, inference: inference, encode: encodeTime), megapixels: megapixels)
    }

    private func frameRate(of decoder: VideoDecoder, content: URL) throws -> VideoRational {
        if decoder.frameRate.isPositive { return decoder.frameRate }
        let probed = try VideoProbe.probe(contentsOf: content).frameRate
        return probed.isPositive ? probed : VideoRational(25, 1)
    }

    private static func decodeAll(_ decoder: VideoDecoder, into queue: BoundedQueue<VideoFrame>,
                                  control: RunControl) throws -> Duration {
        let clock = ContinuousClock()
        var spent = Duration.zero
        while true {
            try control.checkpoint()
            let start = clock.now
            let frame = try decoder.nextFrame()
            spent += clock.now - start
            guard let frame else { break }
            try queue.put(frame)
        }
        queue.finish()
        return spent
    }

    private static func encodeAll(from queue: BoundedQueue<VideoFrame>, into encoder: VideoEncoder,
                                  control: RunControl) throws -> Duration {
        let clock = ContinuousClock()
        var spent = Duration.zero
        while let frame = try queue.take() {
            let start = clock.now
            try encoder.encode(frame)
            spent += clock.now - start
        }
        try control.checkpoint()
        spent += try clock.measure { try encoder.finish() }
        return spent
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
