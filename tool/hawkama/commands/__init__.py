"""One module per group of subcommands; each command is thin."""
