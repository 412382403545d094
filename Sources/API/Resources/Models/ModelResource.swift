import Inference

/// One style-transfer model in `GET /v1/models` (`"object": "model"`).
struct ModelResource: Encodable {
    let object = "model"
    /// What `model` in `POST /v1/stylizations` takes: `microast`, `adain`.
    let id: String
    let description: String
    /// The model a stylization without `model` uses.
    let isDefault: Bool
    /// Whether the caller's plan includes it (a stylization asking for it is otherwise 403
    /// `model_not_in_plan`).
    let includedInPlan: Bool

    private enum CodingKeys: String, CodingKey {
        case object, id, description
        case isDefault = "default"
        case includedInPlan = "included_in_plan"
    }

    init(_ kind: ModelKind, isDefault: Bool, includedInPlan: Bool) {
        id = kind.rawValue
        description = Self.description(of: kind)
        self.isDefault = isDefault
        self.includedInPlan = includedInPlan
    }

    static func description(of kind: ModelKind) -> String {
        switch kind {
        case .microast:
            "MicroAST (Wang et al., AAAI 2023): a small, fast arbitrary style transfer network; the default."
        case .adain:
            "AdaIN (Huang & Belongie, ICCV 2017): the classic VGG-19 encoder with adaptive instance normalisation; slower, stronger textures."
        }
    }
}
