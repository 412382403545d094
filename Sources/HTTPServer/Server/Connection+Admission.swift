extension Connection {
    /// Runs the route's admission check on a worker before reading the body; reading pauses meanwhile.
    func admitThenReceive(_ head: RequestHead, admit: @escaping @Sendable (Request) throws -> BodyAdmission) {
        state = .inFlight
        let headOnly = makeRequest(head, body: .empty)
        let sequence = exchange.sequence
        let loop = self.loop
        loop.shared.workers.submit { [self] in
            let verdict: Result<BodyAdmission, HTTPError>
            do {
                verdict = .success(try admit(headOnly))
            } catch let error as HTTPError {
                verdict = .failure(error)
            } catch {
                loop.shared.responder.log.event(
                    level: "error", "body admission failed", [("request_id", headOnly.requestID), ("error", "\(error)")])
                verdict = .failure(.internalError)
            }
            loop.execute { [self] in
                guard state == .inFlight, exchange.sequence == sequence else { return }
                switch verdict {
                case .success(let admission):
                    exchange.context = admission.context
                    exchange.tooLarge = admission.tooLarge
                    receiveBody(of: head, limit: admission.maxBodyBytes, bodyBytesBuffered: !pending.isEmpty)
                case .failure(let error):
                    fail(error)
                }
                resume()
            }
        }
    }
}
