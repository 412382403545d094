import Foundation
final class TempProfile: @unchecked Sendable {
    static let shared = TempProfile()
    let lock = NSLock()
    var totals: [String: Double] = [:]
    let enabled = ProcessInfo.processInfo.environment["STYLIFY_PROFILE"] != nil
    func measure<T>(_ key: @autoclosure () -> String, _ body: () -> T) -> T {
        if !enabled { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        lock.lock(); totals[key(), default: 0] += ms; lock.unlock()
        return result
    }
    func dump() {
        if !enabled { return }
        for (k, v) in totals.sorted(by: { $0.value > $1.value }) { FileHandle.standardError.write(Data(String(format: "%9.1f ms  %@\n", v, k).utf8)) }
        totals = [:]
    }
}
