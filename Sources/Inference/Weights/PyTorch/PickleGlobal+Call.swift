/// What REDUCE does with each allow-listed global: pure Swift that builds data, never Python.
extension PickleGlobal {
    func call(_ arguments: [PickleValue]) throws -> PickleValue {
        switch self {
        case .orderedDict:
            // OrderedDict() or OrderedDict([(key, value), ...]).
            let dict = PickleDict()
            if let first = arguments.first {
                // The pairs are nested in the argument tuple already, so no depth limit is exceeded here.
                guard case .list(let pairs) = first else { throw malformed("OrderedDict of a \(first.kind)") }
                for pair in pairs.items {
                    guard case .tuple(let items, _) = pair, items.count == 2 else { throw malformed("OrderedDict item is not a pair") }
                    dict.set(items[0], items[1])
                }
                dict.depth = pairs.depth
            }
            return .dict(dict)

        case .rebuildTensor, .rebuildTensorV2:
            // (storage, storage_offset, size, stride, [requires_grad, backward_hooks, [metadata]])
            guard arguments.count >= 4, case .storage(let storage) = arguments[0] else {
                throw malformed("\(self) needs (storage, offset, size, stride, …)")
            }
            let offset = try integer(arguments[1], "storage offset")
            let shape = try integers(arguments[2], "size")
            let strides = try integers(arguments[3], "stride")
            guard shape.count == strides.count else {
                throw malformed("tensor size \(shape) and stride \(strides) differ in rank")
            }
            return .tensor(PyTorchTensorDescriptor(storage: storage, offset: offset, shape: shape, strides: strides))

        case .rebuildParameter, .rebuildParameterWithState:
            // (data, requires_grad, backward_hooks, [state]): a Parameter is its data for inference.
            guard let data = arguments.first, case .tensor = data else { throw malformed("\(self) needs a tensor") }
            return data

        case .rebuildFromTypeV2:
            // (func, type, args, state): torch's wrapper for tensor subclasses; only plain
            // tensors and Parameters are accepted, rebuilt by the allow-listed `func`.
            guard arguments.count >= 3,
                  case .global(let function) = arguments[0],
                  case .global(.tensorClass) = arguments[1],
                  case .tuple(let inner, _) = arguments[2] else {
                throw malformed("\(self) needs (allow-listed function, tensor class, args)")
            }
            return try function.call(inner)

        case .storageClass, .tensorClass:
            throw malformed("\(self) cannot be called")
        }
    }

    private func malformed(_ detail: String) -> PyTorchImportError {
        PyTorchImportError(file: "", reason: .malformedPickle(detail))
    }

    private func integer(_ value: PickleValue, _ what: String) throws -> Int {
        guard case .int(let number) = value else { throw malformed("tensor \(what) is a \(value.kind)") }
        return number
    }

    private func integers(_ value: PickleValue, _ what: String) throws -> [Int] {
        guard case .tuple(let items, _) = value else { throw malformed("tensor \(what) is a \(value.kind)") }
        return try items.map { try integer($0, what) }
    }
}
