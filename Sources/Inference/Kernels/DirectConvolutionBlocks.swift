/// Register-blocked inner kernels of the direct convolution (see `Convolution.forwardDirect`).

/// 4 output channels × 24 pixels of a stride-1 convolution, accumulated in registers.
/// `source` points at the block's first pixel in input channel 0, kernel row 0.
@inline(__always)
func directBlock4x24(source: UnsafePointer<Float>, channelStride: Int, rowStride: Int, inputChannels: Int, kernel k: Int,
                         taps: UnsafePointer<Float>, bias: UnsafePointer<Float>, relu: Bool,
                         into out: UnsafeMutablePointer<Float>) {
    typealias V = SIMD8<Float>
    var a0 = V(repeating: bias[0]), a1 = a0, a2 = a0
    var b0 = V(repeating: bias[1]), b1 = b0, b2 = b0
    var c0 = V(repeating: bias[2]), c1 = c0, c2 = c0
    var d0 = V(repeating: bias[3]), d1 = d0, d2 = d0
    var tap = taps
    for channel in 0..<inputChannels {
        for ky in 0..<k {
            let line = UnsafeRawPointer(source + channel * channelStride + ky * rowStride)
            for kx in 0..<k {
                let x0 = line.loadUnaligned(fromByteOffset: kx * 4, as: V.self)
                let x1 = line.loadUnaligned(fromByteOffset: kx * 4 + 32, as: V.self)
                let x2 = line.loadUnaligned(fromByteOffset: kx * 4 + 64, as: V.self)
                let wa = V(repeating: tap[0]), wb = V(repeating: tap[1])
                let wc = V(repeating: tap[2]), wd = V(repeating: tap[3])
                a0.addProduct(wa, x0); a1.addProduct(wa, x1); a2.addProduct(wa, x2)
                b0.addProduct(wb, x0); b1.addProduct(wb, x1); b2.addProduct(wb, x2)
                c0.addProduct(wc, x0); c1.addProduct(wc, x1); c2.addProduct(wc, x2)
                d0.addProduct(wd, x0); d1.addProduct(wd, x1); d2.addProduct(wd, x2)
                tap += 4
            }
        }
    }
    if relu {
        let zero = V(repeating: 0)
        a0 = a0.replacing(with: zero, where: a0 .< zero); a1 = a1.replacing(with: zero, where: a1 .< zero); a2 = a2.replacing(with: zero, where: a2 .< zero)
        b0 = b0.replacing(with: zero, where: b0 .< zero); b1 = b1.replacing(with: zero, where: b1 .< zero); b2 = b2.replacing(with: zero, where: b2 .< zero)
        c0 = c0.replacing(with: zero, where: c0 .< zero); c1 = c1.replacing(with: zero, where: c1 .< zero); c2 = c2.replacing(with: zero, where: c2 .< zero)
        d0 = d0.replacing(with: zero, where: d0 .< zero); d1 = d1.replacing(with: zero, where: d1 .< zero); d2 = d2.replacing(with: zero, where: d2 .< zero)
    }
    let raw = UnsafeMutableRawPointer(out)
    raw.storeBytes(of: a0, toByteOffset: 0, as: V.self); raw.storeBytes(of: a1, toByteOffset: 32, as: V.self)
    raw.storeBytes(of: a2, toByteOffset: 64, as: V.self); raw.storeBytes(of: b0, toByteOffset: 96, as: V.self)
    raw.storeBytes(of: b1, toByteOffset: 128, as: V.self); raw.storeBytes(of: b2, toByteOffset: 160, as: V.self)
    raw.storeBytes(of: c0, toByteOffset: 192, as: V.self); raw.storeBytes(of: c1, toByteOffset: 224, as: V.self)
    raw.storeBytes(of: c2, toByteOffset: 256, as: V.self); raw.storeBytes(of: d0, toByteOffset: 288, as: V.self)
    raw.storeBytes(of: d1, toByteOffset: 320, as: V.self); raw.storeBytes(of: d2, toByteOffset: 352, as: V.self)
}

/// 3 output channels × 32 pixels of a stride-1 convolution, accumulated in registers.
@inline(__always)
func directBlock3x32(source: UnsafePointer<Float>, channelStride: Int, rowStride: Int, inputChannels: Int, kernel k: Int,
                             taps: UnsafePointer<Float>, bias: UnsafePointer<Float>, relu: Bool,
                             into out: UnsafeMutablePointer<Float>) {
    typealias V = SIMD8<Float>
    var a0 = V(repeating: bias[0]), a1 = a0, a2 = a0, a3 = a0
    var b0 = V(repeating: bias[1]), b1 = b0, b2 = b0, b3 = b0
    var c0 = V(repeating: bias[2]), c1 = c0, c2 = c0, c3 = c0
    var tap = taps
    for channel in 0..<inputChannels {
        for ky in 0..<k {
            let line = UnsafeRawPointer(source + channel * channelStride + ky * rowStride)
            for kx in 0..<k {
                // Weights first, then one input vector at a time: 12 accumulators + 3 weights + 1 input
                // fill the 16 vector registers exactly.
                let wa = V(repeating: tap[0]), wb = V(repeating: tap[1]), wc = V(repeating: tap[2])
                let x0 = line.loadUnaligned(fromByteOffset: kx * 4, as: V.self)
                a0.addProduct(wa, x0); b0.addProduct(wb, x0); c0.addProduct(wc, x0)
                let x1 = line.loadUnaligned(fromByteOffset: kx * 4 + 32, as: V.self)
                a1.addProduct(wa, x1); b1.addProduct(wb, x1); c1.addProduct(wc, x1)
                let x2 = line.loadUnaligned(fromByteOffset: kx * 4 + 64, as: V.self)
                a2.addProduct(wa, x2); b2.addProduct(wb, x2); c2.addProduct(wc, x2)
                let x3 = line.loadUnaligned(fromByteOffset: kx * 4 + 96, as: V.self)
                a3.addProduct(wa, x3); b3.addProduct(wb, x3); c3.addProduct(wc, x3)
                tap += 3
            }
        }
    }
    if relu {
        let zero = V(repeating: 0)
        a0 = a0.replacing(with: zero, where: a0 .< zero); a1 = a1.replacing(with: zero, where: a1 .< zero)
        a2 = a2.replacing(with: zero, where: a2 .< zero); a3 = a3.replacing(with: zero, where: a3 .< zero)
        b0 = b0.replacing(with: zero, where: b0 .< zero); b1 = b1.replacing(with: zero, where: b1 .< zero)
        b2 = b2.replacing(with: zero, where: b2 .< zero); b3 = b3.replacing(with: zero, where: b3 .< zero)
        c0 = c0.replacing(with: zero, where: c0 .< zero); c1 = c1.replacing(with: zero, where: c1 .< zero)
        c2 = c2.replacing(with: zero, where: c2 .< zero); c3 = c3.replacing(with: zero, where: c3 .< zero)
    }
    let raw = UnsafeMutableRawPointer(out)
    raw.storeBytes(of: a0, toByteOffset: 0, as: V.self); raw.storeBytes(of: a1, toByteOffset: 32, as: V.self)
    raw.storeBytes(of: a2, toByteOffset: 64, as: V.self); raw.storeBytes(of: a3, toByteOffset: 96, as: V.self)
    raw.storeBytes(of: b0, toByteOffset: 128, as: V.self); raw.storeBytes(of: b1, toByteOffset: 160, as: V.self)
    raw.storeBytes(of: b2, toByteOffset: 192, as: V.self); raw.storeBytes(of: b3, toByteOffset: 224, as: V.self)
    raw.storeBytes(of: c0, toByteOffset: 256, as: V.self); raw.storeBytes(of: c1, toByteOffset: 288, as: V.self)
    raw.storeBytes(of: c2, toByteOffset: 320, as: V.self); raw.storeBytes(of: c3, toByteOffset: 352, as: V.self)
}
