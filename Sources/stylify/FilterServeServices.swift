import Filters
import Inference
import Quotas

/// What `serve`'s filters set-up shares with the stylization endpoints: one `QuotaService`,
/// `AssetService` and `FilterService` per process, and the models' location (with the
/// process's compute context).
struct FilterServeServices {
    let quotas: QuotaService
    let assets: AssetService
    let filters: FilterService
    let models: ModelLocator
}
