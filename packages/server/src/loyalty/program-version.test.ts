import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// Two owners editing the program at once: GET's ETag, sent back as If-Match, saves only over the
// version that was read; the other owner's save meanwhile is never overwritten unseen.
describe.each(databasesUnderTest())("the loyalty program's version on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
  });
  afterAll(() => kit.close());

  const read = async () => {
    const answer = await kit.admin("GET", "/v1/admin/loyalty/program");
    expect(answer.status).toBe(200);
    const etag = answer.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    return { program: answer.json, etag: etag ?? "" };
  };
  const save = (program: unknown, ifMatch?: string) =>
    kit.admin("PUT", "/v1/admin/loyalty/program", program, ifMatch ? { "if-match": ifMatch } : {});

  it("saves over the version read, answers the new one, and refuses a save over a version changed since", async () => {
    const first = await read();
    const renamed = { ...first.program, pointsName: "Stars" };
    const saved = await save(renamed, first.etag);
    expect(saved.status).toBe(200);
    const next = await read();
    expect(next.etag).not.toBe(first.etag);
    expect(saved.headers.get("etag")).toBe(next.etag);
    expect(next.program.pointsName).toBe("Stars");

    // The other owner still holds the first version: refused, and the program stays as saved.
    const stale = await save({ ...first.program, pointsName: "Coins" }, first.etag);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("conflict");
    expect((await read()).program.pointsName).toBe("Stars");

    // A weak tag, a list and `*` are read as HTTP has them; without If-Match, saves as before.
    expect((await save({ ...next.program, pointsName: "Points" }, `"x", W/${next.etag}`)).status).toBe(200);
    expect((await save(SAMPLE_LOYALTY_PROGRAM, "*")).status).toBe(200);
    expect((await save(SAMPLE_LOYALTY_PROGRAM)).status).toBe(200);
  });

  it("lets only one of two saves over the same version through, even at the same instant", async () => {
    const { program, etag } = await read();
    const answers = await Promise.all(
      ["Acorns", "Beans"].map((pointsName) => save({ ...program, pointsName }, etag)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)?.json.pointsName;
    expect((await read()).program.pointsName).toBe(winner);
  });

  it("refuses If-Match for a store without a program, and saves nothing", async () => {
    await kit.server.db.kysely.deleteFrom("loyalty_programs").where("store_id", "=", kit.storeId).execute();
    const refused = await save(SAMPLE_LOYALTY_PROGRAM, '"anything"');
    expect(refused.status).toBe(409);
    expect((await kit.admin("GET", "/v1/admin/loyalty/program")).status).toBe(404);
    expect((await save(SAMPLE_LOYALTY_PROGRAM)).status).toBe(200);
  });
});
