import ArgumentParser

/// The `stylify serve` options for `GET /metrics`.
struct MetricsServeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Bearer token that GET /metrics requires, at least 16 characters (STYLIFY_OPERATOR_TOKEN; default: the one in <data-dir>/operator-token, generated at first start with mode 0600).",
        valueName: "token"))
    var operatorToken: String?
}
