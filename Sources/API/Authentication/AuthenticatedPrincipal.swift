import Accounts
import HTTPServer

/// The context key under which `BearerAuthentication` stores who is calling.
public enum AuthenticatedPrincipal: RequestContextKey {
    public typealias Value = Principal
}
