import ArgumentParser
import Foundation
import Inference
import Jobs
import Media

/// `stylify stylize`: one content photo and one or more style images in, one stylized image out,
/// offline (no server, no database). Exit codes follow sysexits(3) so scripts can tell a usage
/// mistake (64) from a bad image (65), a missing file (66) and a bug (70).
struct StylizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stylize",
        abstract: "Render a content image in the style of one or more style images.",
        discussion: """
            Several --style images are blended by --weights (default: equal). The output format follows \
            the extension of -o: .jpg/.jpeg, .png or .webp.
            Spatial control: with --mask (a greyscale image, any size, resized to the content), the --style \
            images style the mask's white region and --black-style the black one, blended softly at the \
            edge; --white-strength and --black-strength (default --strength) set each region's strength.
            Models are read from --models (STYLIFY_MODELS, default ./models): \
            microast/microast-*.safetensors, adain/adain-*.safetensors.
            Exit codes: 0 ok, 64 usage, 65 bad image or weights, 66 missing file, 70 internal error.
            """
    )

    @Option(help: "The content image (JPEG, PNG or WebP).")
    var content: String

    @Option(help: "A style image; repeat to blend several.")
    var style: [String] = []

    @Option(help: "Comma-separated weights, one per --style (e.g. 1,3).")
    var weights: String?

    @Option(help: "A greyscale mask image: --style for its white region, --black-style for its black region.")
    var mask: String?

    @Option(help: "With --mask: the style image of the mask's black region.")
    var blackStyle: String?

    @Option(help: "With --mask: the white region's strength, 0...1 (default --strength).")
    var whiteStrength: Float?

    @Option(help: "With --mask: the black region's strength, 0...1 (default --strength).")
    var blackStrength: Float?

    @Option(help: "How much style to apply, 0...1 (1 = full style).")
    var strength: Float = 1

    @Flag(help: "Keep the content's colours (transfer luminance only).")
    var preserveColor = false

    @Option(help: "Downscale the content so its long side is at most this many pixels.")
    var maxSide: Int?

    @Option(help: "The network: microast (fast, default) or adain (classic VGG-19 AdaIN).")
    var model: ModelKind = .microast

    @OptionGroup var models: ModelOptions

    @Option(help: "JPEG/WebP quality 1...100.")
    var quality: Int = 90

    @Option(name: .shortAndLong, help: "The output file: .jpg, .jpeg, .png or .webp.")
    var output: String

    /// The largest content a plan allows (16 MP); beyond it the user must pass --max-side.
    static let maxContentPixels = 16 * 1024 * 1024

    func validate() throws {
        guard !style.isEmpty else { throw ValidationError("Give at least one --style image.") }
        guard (0...1).contains(strength) else { throw ValidationError("--strength must be between 0 and 1.") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be between 1 and 100.") }
        guard (mask == nil) == (blackStyle == nil) else { throw ValidationError("--mask and --black-style go together.") }
        if mask == nil, whiteStrength != nil || blackStrength != nil {
            throw ValidationError("--white-strength and --black-strength need --mask.")
        }
        for value in [whiteStrength, blackStrength].compactMap({ $0 }) where !(0...1).contains(value) {
            throw ValidationError("--white-strength and --black-strength must be between 0 and 1.")
        }
        if let maxSide, maxSide < FloatImage.minimumSide {
            throw ValidationError("--max-side must be at least \(FloatImage.minimumSide).")
        }
        _ = try parsedWeights()
        _ = try outputEncoding()
    }

    func run() throws {
        try CommandFailure.reporting(command: "stylize") {
            for path in [content] + style + [mask, blackStyle].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure(message: "\(path): no such file", code: .noInput)
            }
            let locator = try models.locator()
            let stylizer = ImageStylizer(model: try locator.load(model))
            let contentImage = try decodeContent()
            let styles = try zip(style, try parsedWeights()).map { path, weight in
                let image = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: path), limits: .default)
                return WeightedStyle(code: try stylizer.styleCode(for: image), weight: weight)
            }
            let result = try stylizer.stylize(
                content: contentImage, styling: try styling(styles, stylizer: stylizer),
                options: StylizeOptions(strength: strength, preserveColor: preserveColor))
            try ImageEncoder.encode(result, as: try outputEncoding())
                .write(to: URL(fileURLWithPath: output), options: .atomic)
        }
    }

    /// The --style mix everywhere, or with --mask the white region's, the --black-style the black's.
    private func styling(_ styles: [WeightedStyle], stylizer: ImageStylizer) throws -> JobStyling {
        guard let mask, let blackStyle else { return .uniform(styles) }
        let maskImage: MaskImage
        do {
            maskImage = try MaskImage.decode(contentsOf: URL(fileURLWithPath: mask))
        } catch {
            throw CommandFailure(message: "\(mask): not a mask image we can read (JPEG, PNG or WebP)", code: .dataError)
        }
        let black = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: blackStyle), limits: .default)
        return .masked(maskImage, white: RegionStyle(styles: styles, strength: whiteStrength ?? strength),
                       black: RegionStyle(styles: [WeightedStyle(code: try stylizer.styleCode(for: black))], strength: blackStrength ?? strength))
    }

    private func decodeContent() throws -> RGBImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: content))
        let image = try maxSide.map { try ImageDecoder.decode(data, limits: .default, fittingIn: $0) }
            ?? ImageDecoder.decode(data, limits: .default)
        guard image.width * image.height <= Self.maxContentPixels else {
            throw CommandFailure(
                message: "\(content) is \(image.width)x\(image.height), over 16 MP; pass --max-side to downscale it",
                code: .dataError)
        }
        return image
    }

    private func parsedWeights() throws -> [Float] {
        guard let weights else { return Array(repeating: 1, count: style.count) }
        let values = weights.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == style.count, values.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw ValidationError("--weights needs \(style.count) comma-separated numbers >= 0, one per --style.")
        }
        return values.map { $0! }
    }

    private func outputEncoding() throws -> ImageEncoding {
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "jpg", "jpeg": return .jpeg(quality: quality)
        case "png": return .png
        case "webp": return .webp(quality: quality)
        default: throw ValidationError("-o must end in .jpg, .jpeg, .png or .webp.")
        }
    }
}
