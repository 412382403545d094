/// A domain error that knows its HTTP rendering. Conform domain errors to it in one place in the API
/// module (`extension QuotaError: HTTPErrorConvertible`), and handlers can simply rethrow them.
public protocol HTTPErrorConvertible: Error {
    var httpError: HTTPError { get }
}
