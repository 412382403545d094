import Filters
import Inference
import Quotas
import Webhooks

/// What `serve`'s filters set-up shares with the stylization endpoints: one `QuotaService`,
/// `AssetService` and `FilterService` per process, the models' location (with the process's
/// compute context) and the URL fetcher.
struct FilterServeServices {
    let quotas: QuotaService
    let assets: AssetService
    let filters: FilterService
    let models: ModelLocator
    /// Fetches `content_url` and `style_url` under the SSRF policy of `--fetch-allow-host`.
    let fetcher: RemoteFetcher
}
