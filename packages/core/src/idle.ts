// Work the shopper does not see (structured data for crawlers) waits for an idle main thread.

/**
 * Resolves when the main thread is idle, or after `timeout` ms at the latest
 * (requestIdleCallback; a zero timer in browsers without it, Safari).
 */
export const whenIdle = (timeout = 2000): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve);
  });
