import ArgumentParser

/// One configurable value of the command line: its flag, the environment variable it falls
/// back to, and what it does by default. The help texts of the options and the errors about
/// them are written from these, so a flag, its variable and its default are named one way
/// everywhere (`stylify serve --help`, README's Configuration table, start-up errors).
struct SettingKey: Sendable, Equatable {
    /// `--listen` (without a value).
    let flag: String
    /// `STYLIFY_LISTEN`.
    let variable: String
    /// What the value is, as a sentence fragment ("host:port to listen on").
    let summary: String
    /// What happens without flag and variable ("127.0.0.1:8080").
    let defaultText: String
    /// For on/off switches: the variable is set to 1 (true, yes, on) to turn it on.
    var isSwitch = false
    /// A credential: errors never repeat the value.
    var isSecret = false

    /// The option's `--help` line: the summary, the variable and the default.
    var help: ArgumentHelp { help(summary) }

    /// The same with a command's own wording of the summary.
    func help(_ summary: String, valueName: String? = nil) -> ArgumentHelp {
        let variable = isSwitch ? "\(self.variable)=1" : self.variable
        return ArgumentHelp("\(summary) (\(variable); default: \(defaultText)).", valueName: valueName)
    }
}
