import ArgumentParser
import Foundation
import Inference
import Media

/// A failure of an offline command, reported as one line on stderr and a sysexits(3) code:
/// 65 bad data (an image or weights file that cannot be used), 66 a missing input, 70 a bug.
struct CommandFailure: Error {
    let message: String
    let code: ExitCode

    init(message: String, code: ExitCode) {
        self.message = message
        self.code = code
    }

    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as MediaError:
            if case .unreadableFile = error {
                self.init(message: error.description, code: .noInput)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as InferenceError:
            if case .missingModelFiles = error {
                self.init(message: error.description, code: .noInput)
            } else {
                self.init(message: error.description, code: .dataError)
            }
        case let error as CocoaError where error.code == .fileReadNoSuchFile:
            self.init(message: error.localizedDescription, code: .noInput)
        default:
            self.init(message: "\(error)", code: .internalSoftware)
        }
    }

    /// Runs a command body, reporting any failure the sysexits way.
    static func reporting(command: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = CommandFailure(error)
            FileHandle.standardError.write(Data("stylify \(command): \(failure.message)\n".utf8))
            throw failure.code
        }
    }
}
