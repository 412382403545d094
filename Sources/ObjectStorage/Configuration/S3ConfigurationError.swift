/// A setting that selects or describes the S3 blob store is missing or malformed. Each message
/// names the variable and what it must look like, so start-up can print it and exit 78.
public struct S3ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variable at fault (`STYLIFY_BLOB_URL`, `AWS_REGION`, …).
    public let variable: String
    public let description: String

    public init(variable: String, _ description: String) {
        self.variable = variable
        self.description = description
    }
}
