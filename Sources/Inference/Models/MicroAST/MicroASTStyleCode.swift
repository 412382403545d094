/// Named views of MicroAST's 512-float style code: mean0, std0, mean1, std1, w0, w1, b0, b1
/// (64 floats each, in that order).
struct MicroASTStyleCode {
    let values: [Float]

    static let order = ["mean0", "std0", "mean1", "std1", "w0", "w1", "b0", "b1"]

    init(values: [Float]) {
        precondition(values.count == 8 * 64)
        self.values = values
    }

    private func part(_ index: Int) -> ArraySlice<Float> { values[(index * 64)..<((index + 1) * 64)] }

    var mean0: ArraySlice<Float> { part(0) }
    var std0: ArraySlice<Float> { part(1) }
    var mean1: ArraySlice<Float> { part(2) }
    var std1: ArraySlice<Float> { part(3) }
    var w0: ArraySlice<Float> { part(4) }
    var w1: ArraySlice<Float> { part(5) }
    var b0: ArraySlice<Float> { part(6) }
    var b1: ArraySlice<Float> { part(7) }
}
