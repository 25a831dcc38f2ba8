/** A CLI command refused its input: the CLI prints the message (no stack) and exits 1. */
export class CliError extends Error {}
