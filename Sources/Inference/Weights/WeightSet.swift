import Foundation

/// The tensors of one weights file, with shape-checked access for building layers.
struct WeightSet: Sendable {
    let file: String
    let tensors: [String: WeightTensor]

    init(contentsOf url: URL) throws {
        do {
            tensors = try SafetensorsFile(contentsOf: url).tensors
        } catch let error as SafetensorsError {
            throw InferenceError.unreadableWeights(error)
        }
        file = url.path
    }

    /// The tensor `name`, which must have `shape`.
    func tensor(_ name: String, shape: [Int]) throws -> WeightTensor {
        guard let tensor = tensors[name] else {
            throw InferenceError.invalidWeights(file: file, detail: "tensor '\(name)' is missing")
        }
        guard tensor.shape == shape else {
            throw InferenceError.invalidWeights(file: file, detail: "tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        return tensor
    }

    /// The convolution stored as `prefix.weight` / `prefix.bias`.
    func convolution(_ prefix: String, input: Int, output: Int, kernel: Int,
                     stride: Int = 1, groups: Int = 1, relu: Bool) throws -> Convolution {
        let weight = try tensor(prefix + ".weight", shape: [output, input / groups, kernel, kernel])
        let bias = try tensor(prefix + ".bias", shape: [output])
        return Convolution(weight: weight, bias: bias, stride: stride, groups: groups, relu: relu)
    }
}
