package io.pushfleet.bench.auth;

import picocli.CommandLine.Command;

/** {@code bench auth}: benchmarks of the control plane's token endpoints; each scenario is a subcommand. */
@Command(name = "auth", mixinStandardHelpOptions = true,
        description = "Token endpoint benchmarks against a running control plane (see docs/benchmarks.md).",
        subcommands = {RefreshCommand.class})
public final class AuthCommand {
}
