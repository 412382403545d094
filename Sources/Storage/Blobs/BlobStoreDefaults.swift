/// Sizes shared by blob stores.
public enum BlobStoreDefaults {
    /// Blobs are copied in 1 MiB chunks: large enough for sequential disk throughput, small
    /// enough that a 1 GiB video upload never sits in memory.
    public static let chunkSize = 1 << 20
}
