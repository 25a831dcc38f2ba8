// A mail server that refuses a shopper's address names it in its answer ("550 <ana@…>: Recipient
// address rejected"). The worker logs the failure, but its log (stdout, kept by the log pipeline
// and out of reach of an erasure) holds ids, never a shopper's address: before, the job's log
// line carried the mail server's words as they were, address included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestKit, startRequestKit } from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import type { Logger } from "../logger.ts";
import { serverJobRunner } from "../worker.ts";

describe.each(databasesUnderTest())("a refused address, on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings();
    await kit.product("lamp", "Desk lamp");
  });
  afterAll(() => kit.close());

  it("is logged as refused, without the address", async () => {
    const address = "Ana.Private+orders@example.com";
    kit.sink.refuseRecipient(address);
    await kit.order("o-refused", { email: address });
    const lines: Record<string, unknown>[] = [];
    const logger: Logger = {
      info: (fields) => lines.push(fields),
      warn: (fields) => lines.push(fields),
      error: (fields) => lines.push(fields),
    };
    await serverJobRunner({ ...kit.server.app.ctx, logger }).drain();

    const request = await kit.requestOf("o-refused");
    expect(request.status).toBe("failed");
    const failed = lines.find((line) => line.msg === "job failed");
    expect(failed, JSON.stringify(lines)).toBeDefined();
    // Still says why, in the mail server's words.
    expect(String(failed?.error)).toContain("Recipient address rejected");
    const written = JSON.stringify(lines).toLowerCase();
    expect(written).not.toContain("ana.private");
    expect(written).not.toContain("@example.com");
  });
});
