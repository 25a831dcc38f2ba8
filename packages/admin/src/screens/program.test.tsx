import { act, cleanup, fireEvent, render, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { setLocale } from "../i18n.ts";
import { route } from "../router.ts";
import { endedSession, session } from "../session.ts";
import LoyaltyProgram from "./program.tsx";

const owner = sessionAs("owner");

/** What GET answers (settings the form does not show must go back as read). */
const stored = {
  pointsName: "Points",
  earning: [
    { action: "purchase", points: 1, label: "1 point per $1" },
    { action: "review", points: 50, label: "Write a review" },
  ],
  rewards: [
    { id: "five-off", name: "$5 off", cost: 500, kind: "amount_off", value: 5 },
    { id: "socks", name: "Free socks", cost: 1200, kind: "free_product", value: 18, productId: "socks" },
  ],
  tiers: [
    { id: "bronze", name: "Bronze", threshold: 0, perks: [] },
    { id: "gold", name: "Gold", threshold: 2500, perks: ["Free shipping", "Early access"] },
  ],
  settings: {
    expiryDays: 365,
    tierMode: "points",
    tierWindowDays: 365,
    referralUrlTemplate: null,
    codeWebhookUrl: null,
    codeWebhookTimeoutMs: 5000,
    returnWindowDays: 30,
    reviewPointsNeedPurchase: true,
    reviewPointsPerDay: 3,
    referralMinimumOrderTotal: 20,
    aSettingFromTheFuture: "kept",
  },
};

/** Whether this server serves the demo shop's rewards page (started with --demo). */
let demoPage = false;

interface Put {
  body: Record<string, unknown> & typeof stored;
  ifMatch: string | null;
}

/** The program route: GET answers `current` (or 404 when null) with `version`; PUTs are recorded. */
function fakeApi(answer?: (put: Put) => Response, current: object | null = stored, version = '"v1"') {
  const puts: Put[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (url === "/demo/loyalty.html") return new Response(null, { status: demoPage ? 200 : 404 });
    expect(url).toBe("/v1/admin/loyalty/program");
    if (init.method !== "PUT") {
      return current
        ? Response.json(current, { headers: { etag: version } })
        : Response.json(
            { error: { code: "program_not_found", message: "this store has no loyalty program" } },
            { status: 404 },
          );
    }
    const headers = new Headers(init.headers);
    const put = { body: JSON.parse(String(init.body)), ifMatch: headers.get("if-match") };
    puts.push(put);
    return answer ? answer(put) : Response.json(put.body, { headers: { etag: '"v2"' } });
  });
  return puts;
}

/** The program route, `current` read: the first save is taken, every later one refused by `fields`. */
function savedThenRefused(current: object, fields: Record<string, string>) {
  const puts: Put[] = fakeApi(
    (put) =>
      puts.length === 1
        ? Response.json(put.body, { headers: { etag: '"v2"' } })
        : Response.json(
            { error: { code: "validation_failed", message: "the request is not valid", fields } },
            { status: 422 },
          ),
    current,
  );
  return puts;
}

const field = (view: ReturnType<typeof render>, name: string) =>
  view.container.querySelector(`[name="${name}"]`) as HTMLInputElement;
const describedText = (input: Element) =>
  (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "");
const save = async (view: ReturnType<typeof render>) =>
  act(async () => view.getByRole("button", { name: "Save the program" }).click());
const status = (view: ReturnType<typeof render>) =>
  view.container.querySelector("form.program [role=status]")?.textContent;

beforeEach(() => {
  session.value = owner;
  route.value = { name: "program", params: new URLSearchParams() };
});

afterEach(() => {
  cleanup();
  demoPage = false;
  endedSession.value = null;
  vi.unstubAllGlobals();
  session.value = undefined;
});

describe("the loyalty program editor", () => {
  it("edits earning, rewards, tiers and settings, and saves the whole program over the version read", async () => {
    const puts = fakeApi();
    const view = render(<LoyaltyProgram />);
    const name = (await view.findByLabelText("Name of the points")) as HTMLInputElement;
    expect(name.value).toBe("Points");
    // Every action has its row; one the program leaves out is empty.
    expect(field(view, "earning.purchase.points").value).toBe("1");
    expect(field(view, "earning.birthday.points").value).toBe("");
    fireEvent.input(name, { target: { value: " Stars " } });
    fireEvent.input(field(view, "earning.purchase.points"), { target: { value: "1,5" } });
    fireEvent.input(field(view, "earning.signup.points"), { target: { value: "100" } });
    fireEvent.input(field(view, "earning.signup.label"), { target: { value: "Join us" } });
    // The review rule emptied: reviews earn nothing.
    fireEvent.input(field(view, "earning.review.points"), { target: { value: "" } });
    fireEvent.input(field(view, "earning.review.label"), { target: { value: "" } });

    // A reward removed, one added (its name gets the focus), one repriced.
    await act(async () => view.getByRole("button", { name: "Remove reward \u2068$5 off\u2069" }).click());
    expect(document.activeElement?.getAttribute("name")).toBe("add-reward");
    await act(async () => view.getByRole("button", { name: "Add a reward" }).click());
    const added = document.activeElement as HTMLInputElement;
    const id = added.getAttribute("name")?.split(".")[1] ?? "";
    expect(id).toMatch(/^reward-[0-9a-f]{16}$/);
    fireEvent.input(added, { target: { value: "10% off" } });
    fireEvent.input(field(view, `rewards.${id}.cost`), { target: { value: "800" } });
    fireEvent.change(field(view, `rewards.${id}.kind`), { target: { value: "percent_off" } });
    fireEvent.input(field(view, `rewards.${id}.value`), { target: { value: "10" } });
    fireEvent.input(field(view, "rewards.socks.cost"), { target: { value: "1300" } });

    // A tier added below the others is saved in threshold order.
    await act(async () => view.getByRole("button", { name: "Add a tier" }).click());
    const tier = document.activeElement as HTMLInputElement;
    const tierId = tier.getAttribute("name")?.split(".")[1] ?? "";
    fireEvent.input(tier, { target: { value: "Silver" } });
    fireEvent.input(field(view, `tiers.${tierId}.threshold`), { target: { value: "1000" } });
    fireEvent.input(field(view, `tiers.${tierId}.perks`), { target: { value: " Free returns \n\n Gifts " } });

    fireEvent.input(field(view, "settings.expiryDays"), { target: { value: "" } });
    fireEvent.input(field(view, "settings.referralUrlTemplate"), {
      target: { value: "https://shop.example/?ref={code}" },
    });
    await save(view);

    expect(puts).toHaveLength(1);
    expect(puts[0]?.ifMatch).toBe('"v1"');
    expect(puts[0]?.body).toEqual({
      pointsName: "Stars",
      earning: [
        { action: "purchase", points: 1.5, label: "1 point per $1" },
        { action: "signup", points: 100, label: "Join us" },
      ],
      rewards: [
        { ...stored.rewards[1], cost: 1300 },
        { id, name: "10% off", cost: 800, kind: "percent_off", value: 10 },
      ],
      tiers: [
        stored.tiers[0],
        { id: tierId, name: "Silver", threshold: 1000, perks: ["Free returns", "Gifts"] },
        stored.tiers[1],
      ],
      settings: {
        ...stored.settings,
        expiryDays: null,
        referralUrlTemplate: "https://shop.example/?ref={code}",
      },
    });
    // The removed reward's id is not given to the new one.
    expect(id).not.toBe("five-off");
    await waitFor(() =>
      expect(status(view)).toBe("Loyalty program saved. Shop pages show it within a few minutes."),
    );
    // The next save goes over the version just saved.
    await save(view);
    expect(puts[1]?.ifMatch).toBe('"v2"');
  });

  it("shows what the server refused beside its field, by the path of what was sent, with the focus on the first", async () => {
    const fields = {
      "rewards.1.cost": "must be at least 1",
      "rewards.0": "percent_off needs a value 1–100",
      "earning.2.label": "must be a label of 1–120 characters",
      "settings.referralUrlTemplate": "must contain {code}",
    };
    const puts = fakeApi(() =>
      Response.json(
        { error: { code: "validation_failed", message: "the request is not valid", fields } },
        { status: 422 },
      ),
    );
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    fireEvent.input(field(view, "rewards.socks.cost"), { target: { value: "0" } });
    fireEvent.change(field(view, "rewards.five-off.kind"), { target: { value: "percent_off" } });
    fireEvent.input(field(view, "rewards.five-off.value"), { target: { value: "150" } });
    // A signup rule added: the review rule is the third one sent (earning.2).
    fireEvent.input(field(view, "earning.signup.points"), { target: { value: "10" } });
    fireEvent.input(field(view, "earning.signup.label"), { target: { value: "Join" } });
    fireEvent.input(field(view, "earning.review.label"), { target: { value: " " } });
    fireEvent.input(field(view, "settings.referralUrlTemplate"), { target: { value: "https://x.example" } });
    await save(view);
    expect(puts).toHaveLength(1);
    await waitFor(() => expect(field(view, "rewards.socks.cost").getAttribute("aria-invalid")).toBe("true"));
    for (const [name, message] of [
      ["rewards.socks.cost", fields["rewards.1.cost"]],
      ["rewards.five-off.value", fields["rewards.0"]],
      ["earning.review.label", fields["earning.2.label"]],
      ["settings.referralUrlTemplate", fields["settings.referralUrlTemplate"]],
    ] as const) {
      expect(field(view, name).getAttribute("aria-invalid"), name).toBe("true");
      expect(describedText(field(view, name)), name).toContain(message);
    }
    expect(field(view, "rewards.five-off.cost").getAttribute("aria-invalid")).toBe("false");
    // The first invalid field in the form takes the focus.
    await waitFor(() => expect(document.activeElement?.getAttribute("name")).toBe("earning.review.label"));
    expect(status(view)).toBe("");
  });

  it("shows a refused reward id beside that reward's name (the id itself is not a field)", async () => {
    // Another owner removed five-off after it was redeemed; saving it back as another reward is refused.
    const message = "is the id of a removed reward customers redeemed: a different reward needs a new id";
    fakeApi(() =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: `rewards.0.id ${message}`,
            fields: { "rewards.0.id": message },
          },
        },
        { status: 422 },
      ),
    );
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    fireEvent.change(field(view, "rewards.five-off.kind"), { target: { value: "free_shipping" } });
    await save(view);
    await waitFor(() =>
      expect(field(view, "rewards.five-off.name").getAttribute("aria-invalid")).toBe("true"),
    );
    expect(describedText(field(view, "rewards.five-off.name"))).toContain(message);
    expect(field(view, "rewards.five-off.cost").getAttribute("aria-invalid")).toBe("false");
  });

  it("says what is not a number before sending anything", async () => {
    const puts = fakeApi();
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    fireEvent.input(field(view, "earning.review.points"), { target: { value: "2.5" } });
    fireEvent.input(field(view, "earning.birthday.label"), { target: { value: "A treat" } });
    fireEvent.input(field(view, "tiers.gold.threshold"), { target: { value: "0" } });
    await save(view);
    expect(puts).toEqual([]);
    expect(describedText(field(view, "earning.review.points"))).toContain("Enter a whole number, such as 7.");
    expect(describedText(field(view, "earning.birthday.points"))).toContain(
      "Enter the points, or empty the labels so this action earns nothing.",
    );
    expect(describedText(field(view, "tiers.gold.threshold"))).toContain(
      "Another tier starts at the same threshold.",
    );
  });

  it("says another owner saved meanwhile, keeps what was typed, and saves it over theirs only when asked", async () => {
    const theirs = { ...stored, pointsName: "Coins" };
    let conflict = true;
    const puts = fakeApi((put) =>
      conflict
        ? Response.json({ error: { code: "conflict", message: "changed" } }, { status: 409 })
        : Response.json(put.body, { headers: { etag: '"v3"' } }),
    );
    const view = render(<LoyaltyProgram />);
    fireEvent.input(await view.findByLabelText("Name of the points"), { target: { value: "Stars" } });
    // From now on GET answers the other owner's program.
    fakeApiKeep(puts, theirs, () => conflict);
    await save(view);
    await view.findByText(/another owner saved the program meanwhile/);
    expect(field(view, "pointsName").value).toBe("Stars");
    conflict = false;
    await act(async () => view.getByRole("button", { name: "Save mine over it" }).click());
    expect(puts.map((p) => [p.body.pointsName, p.ifMatch])).toEqual([
      ["Stars", '"v1"'],
      ["Stars", '"theirs"'],
    ]);
    await waitFor(() =>
      expect(status(view)).toBe("Loyalty program saved. Shop pages show it within a few minutes."),
    );
    expect(view.queryByRole("alert")).toBeNull();
  });

  it("shows the other owner's program when asked instead", async () => {
    const puts = fakeApi(() =>
      Response.json({ error: { code: "conflict", message: "changed" } }, { status: 409 }),
    );
    const view = render(<LoyaltyProgram />);
    fireEvent.input(await view.findByLabelText("Name of the points"), { target: { value: "Stars" } });
    fakeApiKeep(puts, { ...stored, pointsName: "Coins" }, () => true);
    await save(view);
    const showTheirs = await view.findByRole("button", { name: "Show the program as saved" });
    await act(async () => showTheirs.click());
    expect(field(view, "pointsName").value).toBe("Coins");
    expect(document.activeElement?.getAttribute("name")).toBe("pointsName");
  });

  it("links the shopper's view only where the server has the demo shop's rewards page", async () => {
    fakeApi();
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    await act(async () => {});
    expect(view.queryByRole("link")).toBeNull();
    cleanup();
    demoPage = true;
    fakeApi();
    const demo = render(<LoyaltyProgram />);
    const link = await demo.findByRole("link", { name: /the demo shop's rewards page/ });
    expect(link.getAttribute("href")).toBe("/demo/loyalty.html");
  });

  it("creates the program of a store that has none, without a version", async () => {
    const puts = fakeApi(undefined, null);
    const view = render(<LoyaltyProgram />);
    await view.findByText("This store has no loyalty program yet: saving creates it.");
    fireEvent.input(field(view, "earning.purchase.points"), { target: { value: "1" } });
    fireEvent.input(field(view, "earning.purchase.label"), { target: { value: "A point per euro" } });
    await save(view);
    expect(puts[0]?.ifMatch).toBeNull();
    expect(puts[0]?.body.earning).toEqual([{ action: "purchase", points: 1, label: "A point per euro" }]);
  });

  it("keeps what was typed when the session ends on save, with the version read, for the same user only", async () => {
    fakeApi(() =>
      Response.json({ error: { code: "unauthorized", message: "sign in first" } }, { status: 401 }),
    );
    const view = render(<LoyaltyProgram />);
    fireEvent.input(await view.findByLabelText("Name of the points"), { target: { value: "Stars" } });
    await save(view);
    await waitFor(() => expect(session.value).toBeNull());
    view.unmount();
    session.value = owner;
    // Another owner saved meanwhile: the kept draft still goes over the version it was typed on.
    const puts = fakeApi(undefined, stored, '"newer"');
    const again = render(<LoyaltyProgram />);
    await waitFor(() => expect(field(again, "pointsName")?.value).toBe("Stars"));
    again.getByText("Not saved: your session ended. What you typed is kept here; save it again.");
    await save(again);
    expect(puts[0]?.ifMatch).toBe('"v1"');

    // Another user does not get it.
    cleanup();
    fakeApi(() =>
      Response.json({ error: { code: "unauthorized", message: "sign in first" } }, { status: 401 }),
    );
    const third = render(<LoyaltyProgram />);
    fireEvent.input(await third.findByLabelText("Name of the points"), { target: { value: "Beans" } });
    await save(third);
    third.unmount();
    session.value = { ...owner, user: { ...owner.user, id: "u2", email: "other@demo.example" } };
    fakeApi();
    const other = render(<LoyaltyProgram />);
    await waitFor(() => expect(field(other, "pointsName")?.value).toBe("Points"));
    expect(other.queryByRole("alert")).toBeNull();
  });
});

/** GET answers `program` (version "theirs") from now on; PUTs go on being recorded into `puts`. */
function fakeApiKeep(puts: Put[], program: object, conflict: () => boolean) {
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) => {
    if (init.method !== "PUT") return Response.json(program, { headers: { etag: '"theirs"' } });
    const put = { body: JSON.parse(String(init.body)), ifMatch: new Headers(init.headers).get("if-match") };
    puts.push(put);
    return conflict()
      ? Response.json({ error: { code: "conflict", message: "changed" } }, { status: 409 })
      : Response.json(put.body, { headers: { etag: '"v3"' } });
  });
}

describe("an earning action's label", () => {
  it("may be left empty: the action is saved with the admin's default label for it, which the field shows", async () => {
    const puts = fakeApi();
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    const label = field(view, "earning.birthday.label");
    expect(label.placeholder).toBe("Celebrate your birthday");
    expect(describedText(label).join(" ")).toContain("Left empty: “\u2068Celebrate your birthday\u2069”");
    fireEvent.input(field(view, "earning.birthday.points"), { target: { value: "200" } });
    fireEvent.input(field(view, "earning.signup.points"), { target: { value: "100" } });
    fireEvent.input(field(view, "earning.signup.label"), { target: { value: " Join us " } });
    await save(view);
    await waitFor(() => expect(puts).toHaveLength(1));
    const earning = puts[0]?.body.earning;
    expect(earning?.find((r) => r.action === "birthday")).toEqual({
      action: "birthday",
      points: 200,
      label: "Celebrate your birthday",
    });
    // A label the merchant typed is theirs.
    expect(earning?.find((r) => r.action === "signup")?.label).toBe("Join us");
  });

  it("defaults in the admin's language", async () => {
    await setLocale("de");
    try {
      const puts = fakeApi();
      const view = render(<LoyaltyProgram />);
      await waitFor(() => expect(field(view, "earning.review_with_media.points")).toBeTruthy());
      fireEvent.input(field(view, "earning.review_with_media.points"), { target: { value: "20" } });
      await act(async () =>
        (view.container.querySelector("form.program button[type=submit]") as HTMLButtonElement).click(),
      );
      await waitFor(() => expect(puts).toHaveLength(1));
      expect(puts[0]?.body.earning.find((r) => r.action === "review_with_media")?.label).toBe(
        "Der Bewertung ein Foto oder Video beifügen",
      );
    } finally {
      await setLocale("en");
    }
  });

  it("edits a label and a reward's name per language, saves only the languages written, and shows refusals beside them", async () => {
    const withWords = {
      ...stored,
      earning: [stored.earning[0], { ...stored.earning[1], labels: { de: "Bewertung schreiben" } }],
    };
    const puts = savedThenRefused(withWords, { "rewards.0.names.he": "must be a name of 1–120 characters" });
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    // Each language has its field, named by its own name, the default as its placeholder.
    const german = view.getByLabelText("Label in \u2068Deutsch\u2069", {
      selector: "[name='earning.review.labels.de']",
    }) as HTMLInputElement;
    expect(german.value).toBe("Bewertung schreiben");
    expect(german.lang).toBe("de");
    expect(german.placeholder).toBe("Write a review");
    fireEvent.input(field(view, "earning.review.labels.he"), { target: { value: " לכתוב ביקורת " } });
    fireEvent.input(german, { target: { value: " " } });
    fireEvent.input(field(view, "rewards.five-off.names.de"), { target: { value: "5 € Rabatt" } });
    await save(view);
    await waitFor(() => expect(puts).toHaveLength(1));
    // Only the languages written, trimmed; none at all for a reward without translations.
    expect(puts[0]?.body.earning.find((r) => r.action === "review")).toEqual({
      action: "review",
      points: 50,
      label: "Write a review",
      labels: { he: "לכתוב ביקורת" },
    });
    expect(puts[0]?.body.rewards.map((r) => (r as { names?: object }).names)).toEqual([
      { de: "5 € Rabatt" },
      undefined,
    ]);

    // Too long is said before sending; the server's refusal of a translation is said beside it.
    fireEvent.input(field(view, "rewards.five-off.names.de"), { target: { value: "x".repeat(121) } });
    await save(view);
    expect(puts).toHaveLength(1);
    expect(describedText(field(view, "rewards.five-off.names.de"))).toContain("At most 120 characters.");
    fireEvent.input(field(view, "rewards.five-off.names.de"), { target: { value: "5 € Rabatt" } });
    fireEvent.input(field(view, "rewards.five-off.names.he"), { target: { value: "הנחה" } });
    await save(view);
    await waitFor(() => expect(puts).toHaveLength(2));
    await waitFor(() =>
      expect(describedText(field(view, "rewards.five-off.names.he"))).toContain(
        "must be a name of 1–120 characters",
      ),
    );
    await waitFor(() =>
      expect(document.activeElement?.getAttribute("name")).toBe("rewards.five-off.names.he"),
    );
  });

  it("gathers each text's translations under a disclosure that counts them; tier names, perks and the points' name too", async () => {
    const withWords = {
      ...stored,
      pointsNames: { de: "Punkte" },
      tiers: [stored.tiers[0], { ...stored.tiers[1], names: { he: "זהב" } }],
    };
    const puts = savedThenRefused(withWords, {
      "tiers.1.names.fr": "must name only the languages en, de, he",
      "tiers.0.perksIn.de.0": "must be a perk of 1–200 characters",
    });
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    // Closed, saying how many languages are written; the fields are in it, the default as placeholder.
    const disclosure = (name: string) => field(view, name).closest("details") as HTMLDetailsElement;
    expect(disclosure("pointsNames.de").open).toBe(false);
    expect(disclosure("pointsNames.de").querySelector("summary")?.textContent).toBe(
      "\u2068Name of the points\u2069 in each language: 1 of 3 written",
    );
    expect(field(view, "pointsNames.he").placeholder).toBe("Points");
    expect(field(view, "tiers.gold.names.he").value).toBe("זהב");
    fireEvent.input(field(view, "pointsNames.he"), { target: { value: "נקודות" } });
    expect(disclosure("pointsNames.de").querySelector("summary")?.textContent).toContain("2 of 3 written");
    fireEvent.input(field(view, "tiers.bronze.perksIn.de"), {
      target: { value: "Versandkostenfrei\n\n Früher Zugang " },
    });
    await save(view);
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.body).toMatchObject({
      pointsName: "Points",
      pointsNames: { de: "Punkte", he: "נקודות" },
    });
    expect(puts[0]?.body.tiers).toEqual([
      {
        id: "bronze",
        name: "Bronze",
        threshold: 0,
        perks: [],
        perksIn: { de: ["Versandkostenfrei", "Früher Zugang"] },
      },
      {
        id: "gold",
        name: "Gold",
        names: { he: "זהב" },
        threshold: 2500,
        perks: ["Free shipping", "Early access"],
      },
    ]);

    // Too long is said before sending, its disclosure opened and the focus in it.
    fireEvent.input(field(view, "tiers.gold.names.de"), { target: { value: "G".repeat(81) } });
    await save(view);
    expect(puts).toHaveLength(1);
    await waitFor(() => expect(document.activeElement?.getAttribute("name")).toBe("tiers.gold.names.de"));
    expect(disclosure("tiers.gold.names.de").open).toBe(true);
    expect(describedText(field(view, "tiers.gold.names.de"))).toContain("At most 80 characters.");
    // The server's refusals, by the path sent: a language the form has no field for beside the
    // tier's own name; a perk's translation beside its language's field, whose disclosure opens.
    fireEvent.input(field(view, "tiers.gold.names.de"), { target: { value: "Gold" } });
    disclosure("tiers.gold.names.de").open = false;
    await save(view);
    await waitFor(() => expect(puts).toHaveLength(2));
    await waitFor(() =>
      expect(describedText(field(view, "tiers.gold.name"))).toContain(
        "must name only the languages en, de, he",
      ),
    );
    expect(describedText(field(view, "tiers.bronze.perksIn.de"))).toContain(
      "must be a perk of 1–200 characters",
    );
    await waitFor(() => expect(disclosure("tiers.bronze.perksIn.de").open).toBe(true));
    expect(document.activeElement?.getAttribute("name")).toBe("tiers.bronze.perksIn.de");
  });

  it("links each section's heading and Save from the top of the form", async () => {
    fakeApi();
    const view = render(<LoyaltyProgram />);
    await view.findByLabelText("Name of the points");
    const nav = view.getByRole("navigation", { name: "Sections of the program" });
    for (const name of ["Ways to earn", "Rewards", "Tiers", "Settings"]) {
      await act(async () => within(nav).getByRole("button", { name }).click());
      expect(document.activeElement).toBe(view.getByRole("heading", { level: 2, name }));
    }
    await act(async () => within(nav).getByRole("button", { name: "Go to Save" }).click());
    expect(document.activeElement).toBe(view.getByRole("button", { name: "Save the program" }));
  });
});
