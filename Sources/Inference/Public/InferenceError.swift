/// Everything that can go wrong loading a model or running it, with what a caller needs to act.
public enum InferenceError: Error, Equatable, CustomStringConvertible {
    /// Model files are missing; `expectedPaths` lists every file that should exist.
    case missingModelFiles(model: ModelKind, expectedPaths: [String])
    /// A weights file lacks a tensor or has one of the wrong shape.
    case invalidWeights(file: String, detail: String)
    /// A weights file could not be parsed.
    case unreadableWeights(SafetensorsError)
    /// An image is smaller than `minimumSide` on a side; the caller should upscale or refuse it.
    case imageTooSmall(role: String, width: Int, height: Int, minimumSide: Int)
    /// An image's plane data does not match its size.
    case malformedImage(role: String, detail: String)
    /// Strength outside 0...1 (or not a number).
    case invalidStrength(Float)
    /// Style weights negative, non-finite, summing to zero, or no styles at all.
    case invalidStyleWeights(detail: String)
    /// A style code made by another model.
    case styleCodeModelMismatch(expected: ModelKind, got: ModelKind)
    /// A style code that cannot be used (bad serialization or wrong length).
    case malformedStyleCode(detail: String)
    /// The caller's `shouldStop` asked the stylization to stop; nothing was produced.
    case canceled

    public var description: String {
        switch self {
        case let .missingModelFiles(model, paths):
            return "model \(model.rawValue) is not installed; put these files in place: \(paths.joined(separator: ", "))"
        case let .invalidWeights(file, detail):
            return "weights file \(file) is not usable: \(detail)"
        case let .unreadableWeights(error):
            return error.description
        case let .imageTooSmall(role, width, height, minimumSide):
            return "\(role) image is \(width)x\(height); both sides must be at least \(minimumSide) px"
        case let .malformedImage(role, detail):
            return "\(role) image is malformed: \(detail)"
        case let .invalidStrength(value):
            return "strength must be between 0 and 1, got \(value)"
        case let .invalidStyleWeights(detail):
            return "invalid style weights: \(detail)"
        case let .styleCodeModelMismatch(expected, got):
            return "style code was made by \(got.rawValue) but this model is \(expected.rawValue)"
        case let .malformedStyleCode(detail):
            return "malformed style code: \(detail)"
        case .canceled:
            return "the stylization was canceled"
        }
    }
}
