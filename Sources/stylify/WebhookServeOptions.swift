import ArgumentParser

/// The `stylify serve` options for webhooks.
struct WebhookServeOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Allow webhook endpoints on private, loopback, link-local and other internal addresses (STYLIFY_WEBHOOKS_ALLOW_PRIVATE=1).",
        discussion: "By default webhooks go only to public addresses, so an account cannot make the server call into its own network."))
    var webhooksAllowPrivate = false
}
