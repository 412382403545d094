import Quotas
import TestSupport

extension ManualClock {
    var quotaClock: QuotaClock {
        QuotaClock { self.now }
    }
}
