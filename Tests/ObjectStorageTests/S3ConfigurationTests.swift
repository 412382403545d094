import ObjectStorage
import XCTest

/// Reading the S3 settings from the environment: defaults, and one precise message per mistake.
final class S3ConfigurationTests: XCTestCase {
    private let credentials = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"]

    private func parse(_ environment: [String: String]) throws -> S3Configuration? {
        try S3Configuration(environment: environment)
    }

    private func problem(_ environment: [String: String], file: StaticString = #filePath, line: UInt = #line) -> S3ConfigurationError? {
        do {
            _ = try parse(environment)
            XCTFail("expected a configuration error", file: file, line: line)
        } catch let error as S3ConfigurationError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testWithoutABlobURLThereIsNoS3() throws {
        XCTAssertNil(try parse([:]))
        XCTAssertNil(try parse(["STYLIFY_BLOB_URL": "  ", "AWS_REGION": "!!"]))
    }

    func testCustomEndpointDefaultsToPathStyle() throws {
        let configuration = try XCTUnwrap(parse(credentials.merging([
            "STYLIFY_BLOB_URL": "s3://stylify/blobs/prod/", "STYLIFY_S3_ENDPOINT": "http://127.0.0.1:8333",
            "AWS_SESSION_TOKEN": "token",
        ]) { $1 }))
        XCTAssertEqual(configuration.bucket, "stylify")
        XCTAssertEqual(configuration.prefix, "blobs/prod")
        XCTAssertEqual(configuration.location, "s3://stylify/blobs/prod")
        XCTAssertEqual(configuration.endpoint, S3Endpoint(scheme: "http", host: "127.0.0.1", port: 8333))
        XCTAssertEqual(configuration.region, "us-east-1")
        XCTAssertEqual(configuration.addressing, .path)
        XCTAssertEqual(configuration.credentials, SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token"))
        XCTAssertEqual(configuration.partSize, 16 << 20)
        XCTAssertEqual(configuration.cacheBytes, 1 << 30)
        XCTAssertFalse("\(configuration.credentials)".contains("secret"), "credentials never print their secret")
    }

    func testWithoutEndpointItIsAWSInTheRegionWithVirtualHosts() throws {
        let configuration = try XCTUnwrap(parse(credentials.merging([
            "STYLIFY_BLOB_URL": "s3://my-bucket", "AWS_REGION": "eu-west-1", "STYLIFY_S3_CACHE_MB": "64", "STYLIFY_S3_PART_MB": "8",
        ]) { $1 }))
        XCTAssertEqual(configuration.endpoint, S3Endpoint(scheme: "https", host: "s3.eu-west-1.amazonaws.com", port: nil))
        XCTAssertEqual(configuration.addressing, .virtual)
        XCTAssertEqual(configuration.prefix, "")
        XCTAssertEqual(configuration.cacheBytes, 64 << 20)
        XCTAssertEqual(configuration.partSize, 8 << 20)
    }

    func testEachMistakeNamesItsVariable() {
        let base = credentials.merging(["STYLIFY_BLOB_URL": "s3://stylify/x"]) { $1 }
        let cases: [([String: String], String, String)] = [
            (["STYLIFY_BLOB_URL": "file:///tmp"], "STYLIFY_BLOB_URL", "STYLIFY_BLOB_URL must look like s3://bucket/prefix, not 'file:///tmp'"),
            (["STYLIFY_BLOB_URL": "s3://Bad_Bucket/x"], "STYLIFY_BLOB_URL", "'Bad_Bucket' in STYLIFY_BLOB_URL is not a valid bucket name"),
            (["STYLIFY_BLOB_URL": "s3://"], "STYLIFY_BLOB_URL", "'' in STYLIFY_BLOB_URL is not a valid bucket name"),
            (["STYLIFY_BLOB_URL": "s3://stylify/a//b"], "STYLIFY_BLOB_URL", "without empty segments"),
            (["AWS_ACCESS_KEY_ID": ""], "AWS_ACCESS_KEY_ID", "STYLIFY_BLOB_URL selects S3 storage, which needs AWS_ACCESS_KEY_ID to be set"),
            (["AWS_SECRET_ACCESS_KEY": ""], "AWS_SECRET_ACCESS_KEY", "needs AWS_SECRET_ACCESS_KEY to be set"),
            (["AWS_REGION": "EU West"], "AWS_REGION", "AWS_REGION must be a region name such as us-east-1"),
            (["STYLIFY_S3_ENDPOINT": "ftp://host"], "STYLIFY_S3_ENDPOINT", "STYLIFY_S3_ENDPOINT must be http://host[:port] or https://host[:port] without a path, not 'ftp://host'"),
            (["STYLIFY_S3_ENDPOINT": "http://host:8333/path"], "STYLIFY_S3_ENDPOINT", "without a path"),
            (["STYLIFY_S3_ENDPOINT": "http://host:99999"], "STYLIFY_S3_ENDPOINT", "without a path"),
            (["STYLIFY_S3_ADDRESSING": "dns"], "STYLIFY_S3_ADDRESSING", "STYLIFY_S3_ADDRESSING must be path or virtual, not 'dns'"),
            (["STYLIFY_S3_ENDPOINT": "http://127.0.0.1:8333", "STYLIFY_S3_ADDRESSING": "virtual"], "STYLIFY_S3_ADDRESSING", "impossible with the address 127.0.0.1"),
            (["STYLIFY_S3_CACHE_MB": "0"], "STYLIFY_S3_CACHE_MB", "STYLIFY_S3_CACHE_MB must be a whole number of MiB, at least 1, not '0'"),
            (["STYLIFY_S3_PART_MB": "4"], "STYLIFY_S3_PART_MB", "at least 5"),
            (["STYLIFY_S3_PART_MB": "6000"], "STYLIFY_S3_PART_MB", "at most 5120"),
        ]
        for (change, variable, message) in cases {
            var environment = base.merging(change) { $1 }
            environment = environment.filter { !$0.value.isEmpty }
            guard let error = problem(environment) else { continue }
            XCTAssertEqual(error.variable, variable, message)
            XCTAssertTrue(error.description.contains(message), "\(error.description) should contain \(message)")
        }
    }
}
