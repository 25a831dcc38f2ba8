import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestKit, recipientOf, startRequestKit } from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { DEFAULT_LEASE_MS } from "../jobs/index.ts";
import type { SendStep } from "./send.ts";

// A worker that dies at any step of a send — before the mail server is asked, after it accepted
// the message, after that was recorded — leaves its job leased; once the lease ends another worker
// takes it. Whatever the step, each request ends up sent under exactly one Message-ID (after SMTP
// accepted and before the record, the same message goes twice: the one resend API.md allows).

const STEPS: SendStep[] = ["before-smtp", "after-smtp", "after-record"];

describe.each(databasesUnderTest())("a send interrupted by a crash on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings({ reminderDays: 3 });
  });
  afterAll(() => kit.close());

  it.each(STEPS)("dies %s, restarts, and leaves one Message-ID for the request", async (step) => {
    const email = `crash-${step}@example.com`;
    const orderId = `o-crash-${step}`;
    await kit.order(orderId, { email });

    // The first worker stops forever at the step, as a process killed there would: nothing after
    // it runs, and its lease stays in the database.
    let reached!: () => void;
    const atStep = new Promise<void>((done) => {
      reached = done;
    });
    const doomed = kit.runner(
      {
        atStep: async (where) => {
          if (where !== step) return;
          reached();
          await new Promise<never>(() => {});
        },
      },
      `doomed-${step}`,
    );
    void doomed.runDue();
    await atStep;

    // A restarted worker finds the job leased and leaves it alone until the lease ends.
    const restarted = kit.runner(undefined, `restarted-${step}`);
    await restarted.drain();
    const sentBefore = kit.sink.messages.filter((m) => recipientOf(m) === email).length;
    expect(sentBefore).toBe(step === "before-smtp" ? 0 : 1);
    kit.time.advance(DEFAULT_LEASE_MS + 1);
    await restarted.drain();

    const messages = kit.sink.messages.filter((m) => recipientOf(m) === email);
    const request = await kit.requestOf(orderId);
    expect(request.status).toBe("sent");
    expect(new Set(messages.map((m) => m.messageId))).toEqual(new Set([request.message_id]));
    expect(messages).toHaveLength(step === "after-smtp" ? 2 : 1);
    // One reminder job, whichever worker recorded the send.
    const reminders = await kit.server.db.kysely
      .selectFrom("jobs")
      .select("id")
      .where("unique_key", "=", `review-request:${request.id}:reminder`)
      .execute();
    expect(reminders).toHaveLength(1);
  });
});
