/// Index into `0..<count` with reflection padding (PyTorch ReflectionPad2d / ONNX Pad "reflect"):
/// -1 → 1, count → count - 2. Valid for overhangs smaller than `count`.
@inline(__always)
func reflect(_ index: Int, _ count: Int) -> Int {
    if index < 0 { return -index }
    if index >= count { return 2 * count - 2 - index }
    return index
}

/// Writes `source[0..<width]` with `pad` reflected elements on each side into `destination`
/// (`width + 2 * pad` elements).
@inline(__always)
func reflectPadRow(_ source: UnsafePointer<Float>, width: Int, pad: Int, into destination: UnsafeMutablePointer<Float>) {
    (destination + pad).update(from: source, count: width)
    for offset in 0..<pad {
        destination[pad - 1 - offset] = source[offset + 1]
        destination[pad + width + offset] = source[width - 2 - offset]
    }
}
