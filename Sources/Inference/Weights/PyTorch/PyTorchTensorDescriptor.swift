/// Where a tensor's elements live, as a pickle describes it before the storage bytes are read.
struct PyTorchStorageReference {
    /// The storage's key: a zip entry name under `data/`, or a legacy stream's storage key.
    var key: String
    var dtype: PyTorchDType
    /// The element count the persistent id declares, checked against the bytes found.
    var declaredCount: Int
    /// For legacy storage views: the view's first element within the root storage.
    var viewOffset: Int = 0
    /// For legacy storage views: the view's element count.
    var viewCount: Int?
}

/// A tensor as `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)` describes it.
struct PyTorchTensorDescriptor {
    var storage: PyTorchStorageReference
    /// In elements, relative to the storage (or storage view).
    var offset: Int
    var shape: [Int]
    var strides: [Int]
}
