import Foundation

extension PyTorchTensorDescriptor {
    /// Reads the tensor's elements out of its storage's raw bytes (the whole root storage),
    /// honouring storage offset, storage views and arbitrary non-negative strides, and converts
    /// them to float32.
    func materialize(name: String, storageBytes: Data) throws -> WeightTensor {
        let dtype = storage.dtype
        if case .unconvertible(let dtypeName, _) = dtype {
            throw PyTorchImportError(file: "", reason: .unsupportedDType(tensor: name, dtype: dtypeName))
        }
        let (expectedBytes, overflow) = storage.declaredCount.multipliedReportingOverflow(by: dtype.elementSize)
        guard !overflow, storageBytes.count == expectedBytes else {
            throw PyTorchImportError(file: "", reason: .badStorage(
                key: storage.key,
                detail: "declares \(storage.declaredCount) \(dtype.name) elements but holds \(storageBytes.count) bytes"))
        }
        let available = storage.viewCount ?? storage.declaredCount
        let count = try elementCount(name)
        guard count > 0 else { return WeightTensor(shape: shape, values: []) }

        guard offset >= 0, strides.allSatisfy({ $0 >= 0 }) else {
            throw layoutError(name, "negative offset or stride (offset \(offset), stride \(strides))")
        }
        guard offset < available else {
            throw layoutError(name, "starts at element \(offset) of a \(available)-element storage")
        }
        var last = offset
        for (size, stride) in zip(shape, strides) {
            let (product, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, sumOverflow) = last.addingReportingOverflow(product)
            guard !overflow, !sumOverflow else { throw layoutError(name, "size \(shape) and stride \(strides) overflow") }
            last = sum
        }
        guard last < available else {
            throw layoutError(name, "reaches element \(last) of a \(available)-element storage")
        }

        let first = storage.viewOffset + offset
        if isContiguous {
            return WeightTensor(shape: shape, values: PyTorchElementDecoding.decode(storageBytes, dtype: dtype, from: first, count: count))
        }
        // Non-contiguous: decode the span the tensor touches, then gather in row-major order.
        let span = PyTorchElementDecoding.decode(storageBytes, dtype: dtype, from: first, count: last - offset + 1)
        var values = [Float]()
        values.reserveCapacity(count)
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<count {
            var position = 0
            for axis in 0..<shape.count { position += index[axis] * strides[axis] }
            values.append(span[position])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return WeightTensor(shape: shape, values: values)
    }

    private func elementCount(_ name: String) throws -> Int {
        var count = 1
        for size in shape {
            guard size >= 0 else { throw layoutError(name, "negative size in \(shape)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw layoutError(name, "size \(shape) overflows") }
            count = product
        }
        return count
    }

    /// Row-major strides, ignoring axes of length 1 (whose stride torch leaves arbitrary).
    private var isContiguous: Bool {
        var expected = 1
        for axis in shape.indices.reversed() where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    private func layoutError(_ name: String, _ detail: String) -> PyTorchImportError {
        PyTorchImportError(file: "", reason: .badTensorLayout(tensor: name, detail: detail))
    }
}
