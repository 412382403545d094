import ObjectStorage

extension SettingsReader {
    /// The S3 store `--blob-url`/`STYLIFY_BLOB_URL` selects, with `--s3-endpoint` and the standard
    /// `AWS_*` variables; nil when no blob URL is set (local disk).
    ///
    /// The flags take the place of their variables, so `S3Configuration` checks one set of values
    /// whichever way they came; its message already names what is wrong and how it should look.
    ///
    /// - Throws: `SettingError` naming the flag (exit 64) or the variable (exit 78).
    func objectStore(blobURL: String?, endpoint: String?) throws -> S3Configuration? {
        var values = environment
        var flags: [String: String] = [:]
        if let blobURL {
            values[SettingKey.blobURL.variable] = blobURL
            flags[SettingKey.blobURL.variable] = SettingKey.blobURL.flag
        }
        if let endpoint {
            values[SettingKey.s3Endpoint.variable] = endpoint
            flags[SettingKey.s3Endpoint.variable] = SettingKey.s3Endpoint.flag
        }
        do {
            return try S3Configuration(environment: values)
        } catch let error as S3ConfigurationError {
            let origin: SettingOrigin = flags[error.variable].map { .flag($0) } ?? .environment(error.variable)
            // The message quotes the value where it is not a secret; it is not repeated.
            throw SettingError(origin: origin, value: nil, problem: error.description)
        }
    }
}
