import CBLAS

extension ComputeContext {
    /// Row-major C[m×n] = A[m×k] · B[k×n], split by columns of C over the context's threads
    /// (each chunk a single-threaded OpenBLAS call).
    func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
              c: UnsafeMutablePointer<Float>, ldc: Int) {
        let call = { (columns: Range<Int>, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(columns.count), Int32(k),
                        1, a, Int32(lda), b + columns.lowerBound, Int32(ldb), 0, c + columns.lowerBound, Int32(ldc))
        }
        // Chunks of whole 16-column panels, and only when each thread gets a worthwhile share.
        let panels = (n + 15) / 16
        if blasThreaded || threads == 1 || panels < 2 * threads || m * n * k < 1 << 20 {
            call(0..<n, a, b, c)
            return
        }
        let aAddress = UnsafeSendablePointer(a)
        let bAddress = UnsafeSendablePointer(b)
        let cAddress = UnsafeMutableSendablePointer(c)
        parallelRanges(panels) { range in
            let columns = (range.lowerBound * 16)..<min(n, range.upperBound * 16)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(columns.count), Int32(k),
                        1, aAddress.pointer, Int32(lda), bAddress.pointer + columns.lowerBound, Int32(ldb),
                        0, cAddress.pointer + columns.lowerBound, Int32(ldc))
        }
    }

    /// Runs independent GEMM-sized jobs `0..<count`: over the context's threads when OpenBLAS is
    /// single-threaded, one after another (each using OpenBLAS's threads) otherwise.
    func independentJobs(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if blasThreaded {
            for index in 0..<count { body(index) }
        } else {
            parallelRanges(count) { range in for index in range { body(index) } }
        }
    }
}
