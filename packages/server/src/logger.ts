/** Where the server's log lines go. The default writes one JSON object per line to stdout. */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

export const jsonLogger: Logger = {
  info(fields) {
    process.stdout.write(`${JSON.stringify({ level: "info", time: new Date().toISOString(), ...fields })}\n`);
  },
  error(fields) {
    process.stdout.write(
      `${JSON.stringify({ level: "error", time: new Date().toISOString(), ...fields })}\n`,
    );
  },
};

export const silentLogger: Logger = {
  info() {},
  error() {},
};
