/// Everything that can go wrong turning image bytes into pixels and back, and in the pixel
/// conversions images and video share. Each case carries what a user (or the API's
/// problem-details mapping) needs to explain the refusal.
///
/// Video containers and streams have their own `VideoError`: image operations throw
/// `MediaError`, video operations `VideoError` (plus `.conversionFailed` from the shared colour
/// conversion), and `MediaProbe` whichever the file turned out to be.
public enum MediaError: Error, Sendable, Equatable {
    /// The input has zero bytes.
    case empty
    /// The bytes are not any image format we recognise.
    case unknownFormat
    /// A recognised format we deliberately do not read (GIF, HEIC, animated WebP, ...).
    case unsupportedFormat(String)
    /// The header says it is `format` but the data is truncated or malformed.
    case corruptData(format: ImageFormat, reason: String)
    /// `width * height` is over the decode limit (checked from the header, before decoding).
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// One side is over the decode limit (checked from the header, before decoding).
    case sideTooLong(width: Int, height: Int, limit: Int)
    /// Sides that are zero, negative or larger than `RGBImage.maxSide`.
    case invalidDimensions(width: Int, height: Int)
    /// A pixel buffer whose length does not match `width * height * 3`.
    case pixelCountMismatch(expected: Int, actual: Int)
    /// A parameter outside its documented range (e.g. JPEG quality 0).
    case invalidParameter(name: String, value: String, allowed: String)
    /// This build of the codec libraries has no encoder for the format.
    case encoderUnavailable(ImageFormat)
    /// The codec library refused to encode (message from the library).
    case encodingFailed(format: ImageFormat, reason: String)
    /// A resampling or conversion step in libswscale failed.
    case conversionFailed(String)
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// `MediaProbe` only: the file is neither an image nor a video container we recognise.
    case unrecognizedMedia
}

extension MediaError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            "the file is empty"
        case .unknownFormat:
            "the file is not a JPEG, PNG or WebP image"
        case .unsupportedFormat(let what):
            "\(what) images are not supported (use JPEG, PNG or WebP)"
        case .corruptData(let format, let reason):
            "the \(format.rawValue.uppercased()) data is truncated or corrupt: \(reason)"
        case .tooManyPixels(let width, let height, let limit):
            "the image is \(width)x\(height) = \(width.multipliedReportingOverflow(by: height).partialValue) pixels, over the limit of \(limit)"
        case .sideTooLong(let width, let height, let limit):
            "the image is \(width)x\(height), a side is over the limit of \(limit) pixels"
        case .invalidDimensions(let width, let height):
            "\(width)x\(height) is not a valid image size"
        case .pixelCountMismatch(let expected, let actual):
            "expected \(expected) bytes of RGB pixels, got \(actual)"
        case .invalidParameter(let name, let value, let allowed):
            "\(name) \(value) is out of range (\(allowed))"
        case .encoderUnavailable(let format):
            "this server cannot encode \(format.rawValue.uppercased())"
        case .encodingFailed(let format, let reason):
            "encoding \(format.rawValue.uppercased()) failed: \(reason)"
        case .conversionFailed(let reason):
            "pixel conversion failed: \(reason)"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unrecognizedMedia:
            "the file is neither a JPEG, PNG or WebP image nor an MP4, MOV, WebM or Matroska video"
        }
    }
}
