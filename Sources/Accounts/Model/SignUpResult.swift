/// What a sign-up creates: the account, its owner and a first session, so the client is signed in.
public struct SignUpResult: Sendable {
    public let account: Account
    public let user: User
    public let session: IssuedSession
}
