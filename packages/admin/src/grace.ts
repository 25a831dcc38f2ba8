// Undo without a compensating write: a moderation action waits GRACE_MS before its request is
// sent. Undo inside that time drops it, and nothing reaches the server. When the page is hidden
// (tab closed, switched away, phone locked) everything waiting is sent at once, with keepalive,
// so no decision is lost.

export const GRACE_MS = 5000;

export interface GraceAction {
  id: string;
  /** Sends the write; keepalive when the page is going away. */
  send(keepalive: boolean): Promise<void>;
}

export interface GraceQueue {
  schedule(action: GraceAction): void;
  /** Drops a waiting action; false when it was already sent. */
  undo(id: string): boolean;
  /** Sends everything waiting now. */
  flush(keepalive?: boolean): Promise<void>;
  waiting(): string[];
}

/** The grace queues on screen (registered while their screen is open). */
const open = new Set<GraceQueue>();

/** Keeps `queue` among those sendAllWaiting() sends; the function returned takes it out. */
export function whileOpen(queue: GraceQueue): () => void {
  open.add(queue);
  return () => open.delete(queue);
}

/**
 * Sends every decision still waiting, now. Signing out calls it first: afterwards the session is
 * gone, and what was waiting (an Approve pressed just before) would be refused, unseen.
 */
export async function sendAllWaiting(): Promise<void> {
  await Promise.all([...open].map((queue) => queue.flush()));
}

export function createGraceQueue(options: {
  delayMs?: number;
  onChange?: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}): GraceQueue {
  const delay = options.delayMs ?? GRACE_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const pending = new Map<string, { action: GraceAction; timer: unknown }>();
  const changed = () => options.onChange?.();

  function send(id: string, keepalive: boolean): Promise<void> {
    const entry = pending.get(id);
    if (!entry) return Promise.resolve();
    clearTimer(entry.timer);
    pending.delete(id);
    changed();
    return entry.action.send(keepalive);
  }

  return {
    schedule(action) {
      const timer = setTimer(() => void send(action.id, false), delay);
      pending.set(action.id, { action, timer });
      changed();
    },
    undo(id) {
      const entry = pending.get(id);
      if (!entry) return false;
      clearTimer(entry.timer);
      pending.delete(id);
      changed();
      return true;
    },
    async flush(keepalive = false) {
      await Promise.all([...pending.keys()].map((id) => send(id, keepalive)));
    },
    waiting: () => [...pending.keys()],
  };
}
