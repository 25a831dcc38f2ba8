// Work the shopper does not see (structured data for crawlers) waits for an idle main thread; work
// that must not make one long task with what came before it yields first.

/**
 * Resolves when the main thread is idle, or after `timeout` ms at the latest
 * (requestIdleCallback; a zero timer in browsers without it, Safari).
 */
export const whenIdle = (timeout = 2000): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve);
  });

/**
 * Resolves in a task of its own (scheduler.yield where there is one, else a zero timer): the page's
 * input and rendering get the thread between two pieces of work, which then never make one long task.
 */
export const nextTask = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?(): Promise<void> } }).scheduler?.yield?.() ??
  new Promise((resolve) => setTimeout(resolve));
