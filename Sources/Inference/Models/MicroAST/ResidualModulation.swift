/// The style's per-channel kernel and bias that modulate a decoder residual block's activations:
/// `w·conv(a) + b·a` (MicroAST's modulated ResBlock).
struct ResidualModulation: Sendable {
    let weight: [Float]
    let bias: [Float]
}
