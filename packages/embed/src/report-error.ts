import { getEvents } from "@plaudit/core/events";

export type ReportError = (error: unknown, kind?: string, element?: Element) => void;

/**
 * A reporter logs each widget failure with the `[plaudit]` prefix — each message once, so 24
 * badges failing the same way print one line — and emits every failure on the `error` event.
 */
export function createErrorReporter(): ReportError {
  const printed = new Set<string>();
  return (error, kind, element) => {
    const message = String((error as Error | undefined)?.message ?? error);
    if (!printed.has(message)) {
      printed.add(message);
      console.error(
        message.startsWith("[plaudit]") ? message : `[plaudit] ${message}`,
        ...(error instanceof Error ? [error] : []),
      );
    }
    getEvents().emit("error", { error, kind, element });
  };
}
