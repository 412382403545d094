/// The style-transfer networks the engine runs.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    /// MicroAST (Wang et al., AAAI 2023): small, fast, the default.
    case microast
    /// Classic AdaIN (Huang & Belongie 2017) on a VGG-19 encoder, pytorch-AdaIN layout.
    case adain

    /// Number of floats in a style code of this model.
    public var styleCodeLength: Int {
        switch self {
        case .microast: return 8 * 64
        case .adain: return 2 * 512
        }
    }
}
