import Foundation
import Inference
import Media

/// Renders an image job: decode → stylize (`ImageStylizer`, with the job's size cap) → encode,
/// written atomically (a hidden temporary file renamed into place).
struct ImageJobRenderer: Sendable {
    let stylizer: ImageStylizer

    func render(content: URL, styling: JobStyling, options: JobOptions, output: URL,
                control: RunControl) throws -> RenderOutcome {
        guard let encoding = options.format.imageEncoding(quality: options.quality) else {
            throw JobError.invalidRequest(param: "format", detail: "an image cannot be written as \(options.format.rawValue)")
        }
        let clock = ContinuousClock()
        var times = StageTimes()
        var start = clock.now
        let image = try ImageDecoder.decode(contentsOf: content, limits: .default)
        times.decode = clock.now - start
        try control.checkpoint()

        start = clock.now
        let stylized = try control.interruptible {
            try stylizer.stylize(content: image, styling: styling, options: options.stylizeOptions, maxSide: options.maxSide,
                                 shouldStop: control.shouldStop)
        }
        times.inference = clock.now - start
        try control.checkpoint()

        start = clock.now
        let bytes = try ImageEncoder.encode(stylized, as: encoding)
        try AtomicFile.write(bytes, to: output)
        times.encode = clock.now - start
        control.advance(to: 1)
        return RenderOutcome(file: output, width: stylized.width, height: stylized.height, frames: 1, times: times,
                             megapixels: Double(stylized.width * stylized.height) / 1e6)
    }
}
