import Foundation

/// The one way a command resolves a setting: the flag when given, else the environment
/// variable when set and not empty, else nothing (the caller's default). Values are checked
/// here, and a bad one is a `SettingError` naming the flag or the variable it came from.
///
/// Only the command line reads the environment; the modules below it take plain values.
struct SettingsReader: Sendable {
    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The flag's text, else the variable's, with where it came from.
    func text(_ flag: String?, _ key: SettingKey) -> (text: String, origin: SettingOrigin)? {
        if let flag { return (flag, .flag(key.flag)) }
        if let value = environment[key.variable], !value.isEmpty { return (value, .environment(key.variable)) }
        return nil
    }

    /// The flag's text, else the variable's.
    func string(_ flag: String?, _ key: SettingKey) -> String? {
        text(flag, key)?.text
    }

    /// A path (the flag's or the variable's), standardized.
    func path(_ flag: String?, _ key: SettingKey) -> URL? {
        string(flag, key).map { URL(fileURLWithPath: $0).standardizedFileURL }
    }

    /// A value `parse` accepts; `parse` throws or returns nil for one it refuses, and its
    /// error's description (or `expected`) becomes the problem.
    func value<Value>(
        _ flag: String?, _ key: SettingKey, expected: String, _ parse: (String) throws -> Value?
    ) throws -> Value? {
        guard let (text, origin) = text(flag, key) else { return nil }
        let shown = key.isSecret ? nil : text
        let parsed: Value?
        do {
            parsed = try parse(text)
        } catch {
            throw SettingError(origin: origin, value: shown, problem: "\(error)")
        }
        guard let parsed else { throw SettingError(origin: origin, value: shown, problem: expected) }
        return parsed
    }

    /// An integer of at least `minimum` (1 unless told otherwise).
    func integer(_ flag: Int?, _ key: SettingKey, atLeast minimum: Int = 1) throws -> Int? {
        let expected = minimum == 1 ? "must be a positive integer" : "must be an integer of at least \(minimum)"
        return try value(flag.map(String.init), key, expected: expected) { text in
            Int(text).flatMap { $0 >= minimum ? $0 : nil }
        }
    }

    /// An on/off switch: on when the flag is given, else what the variable says (1, true, yes,
    /// on; or 0, false, no, off, in any case). Anything else is an error, so a typo is not
    /// silently "off".
    func isOn(_ flag: Bool, _ key: SettingKey) throws -> Bool {
        if flag { return true }
        return try value(nil, key, expected: "must be 1 (true, yes, on) or 0 (false, no, off)") { text in
            switch text.lowercased() {
            case "1", "true", "yes", "on": true
            case "0", "false", "no", "off": false
            default: nil
            }
        } ?? false
    }

    /// The repeated flag's values, else the variable's comma-separated list.
    func list(_ flags: [String], _ key: SettingKey) -> [String] {
        if !flags.isEmpty { return flags }
        guard let text = string(nil, key) else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
