import {
  EARNING_ACTIONS,
  type EarningAction,
  LOYALTY_LABEL_MAX,
  PLAUDIT_LOCALES,
  type PlauditLocale,
  POINTS_NAME_MAX,
  PROGRAM_SETTINGS_DEFAULTS,
  REWARD_KINDS,
  type RewardKind,
  type StoredProgram,
  TIER_MODES,
  TIER_NAME_MAX,
  TIER_PERK_MAX,
} from "@plaudit/contract";
import type { ComponentChildren, TargetedEvent } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import {
  Field,
  focusFirstInvalid,
  Loading,
  Problem,
  problemText,
  refusedFields,
  Toasts,
  useSending,
} from "../components.tsx";
import { isolate, LOCALES, type MessageKey, t } from "../i18n.ts";
import { endedSession, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import { RemoveButton } from "./remove-button.tsx";

// The loyalty program (owner: scope loyalty:write): what each action earns, the rewards, the
// tiers and the program's settings (GET|PUT /v1/admin/loyalty/program). PUT replaces the whole
// program; the server checks every value and answers what it refused by field path
// (`rewards.2.cost`), which the form shows beside that field. Saves carry the version read
// (If-Match): another owner's save meanwhile is never overwritten unseen.
// Nothing here looks at a review's rating or sentiment: a review earns the same, whatever it says.

const PATH = "/v1/admin/loyalty/program";
/** The demo shop's rewards page: served only by a server started with --demo, for store "demo". */
const DEMO_REWARDS_PAGE = "/demo/loyalty.html";
type Settings = StoredProgram["settings"];

/** Words the merchant wrote per language (empty: that language reads the default). */
type TypedWords = Record<PlauditLocale, string>;
interface TypedRule {
  action: EarningAction;
  points: string;
  label: string;
  /** The label in each language shoppers may read (the loyalty panel picks theirs). */
  labels: TypedWords;
}
interface TypedReward {
  /** Kept as saved: redemptions name it, and a removed reward's id is never given to another. */
  id: string;
  name: string;
  /** The name in each language shoppers may read. */
  names: TypedWords;
  cost: string;
  kind: RewardKind;
  value: string;
  productId: string;
}
interface TypedTier {
  id: string;
  name: string;
  /** The name in each language shoppers may read. */
  names: TypedWords;
  threshold: string;
  /** One perk a line. */
  perks: string;
  /** The perks in each language shoppers may read, one a line. */
  perksIn: TypedWords;
}
const SETTING_NUMBERS = [
  "expiryDays",
  "tierWindowDays",
  "returnWindowDays",
  "reviewPointsPerDay",
  "codeWebhookTimeoutMs",
] as const;
type SettingNumber = (typeof SETTING_NUMBERS)[number];
interface Typed extends Record<SettingNumber, string> {
  pointsName: string;
  /** The points' name in each language shoppers may read. */
  pointsNames: TypedWords;
  earning: TypedRule[];
  rewards: TypedReward[];
  tiers: TypedTier[];
  tierMode: Settings["tierMode"];
  reviewPointsNeedPurchase: boolean;
  referralMinimumOrderTotal: string;
  referralUrlTemplate: string;
  codeWebhookUrl: string;
}
/** Errors by the field's name in the form (`rewards.<id>.cost`), and `form` for the rest. */
type Errors = Record<string, string>;

/** A store without a program yet: saving creates it. */
const EMPTY: StoredProgram = {
  pointsName: "Points",
  earning: [],
  rewards: [],
  tiers: [],
  settings: { ...PROGRAM_SETTINGS_DEFAULTS },
};

/** Translations as the form types them: every language, empty where none was written. */
const typedWords = (saved: Partial<Record<PlauditLocale, string>> | undefined): TypedWords =>
  Object.fromEntries(PLAUDIT_LOCALES.map((locale) => [locale, saved?.[locale] ?? ""])) as TypedWords;

/** Translations to save: the languages written in, trimmed; undefined when none was. */
function wordsToSave(typed: TypedWords): Partial<Record<PlauditLocale, string>> | undefined {
  const written = PLAUDIT_LOCALES.filter((locale) => typed[locale].trim() !== "");
  return written.length
    ? Object.fromEntries(written.map((locale) => [locale, typed[locale].trim()]))
    : undefined;
}

/** Words longer than the server takes (a label's LOYALTY_LABEL_MAX, or `max`; counted as it counts). */
const tooLong = (typed: string, max = LOYALTY_LABEL_MAX) => [...typed.trim()].length > max;

/** Perks as typed, one a line: the lines written, trimmed. */
const perkLines = (typed: string) =>
  typed
    .split("\n")
    .map((perk) => perk.trim())
    .filter(Boolean);

/** Perks in each language to save: the languages with a perk written; undefined when none has. */
function perksToSave(typed: TypedWords): Partial<Record<PlauditLocale, string[]>> | undefined {
  const written = PLAUDIT_LOCALES.filter((locale) => perkLines(typed[locale]).length > 0);
  return written.length
    ? Object.fromEntries(written.map((locale) => [locale, perkLines(typed[locale])]))
    : undefined;
}

/** A language's name, in its own words ("Deutsch"), for the fields of that language's words. */
const languageName = (locale: PlauditLocale) => LOCALES.find((l) => l.code === locale)?.name ?? locale;

const typedOf = (p: StoredProgram): Typed => ({
  pointsName: p.pointsName,
  pointsNames: typedWords(p.pointsNames),
  // Every action has its row, in the contract's order; one the program leaves out earns nothing.
  earning: EARNING_ACTIONS.map((action) => {
    const rule = p.earning.find((r) => r.action === action);
    return {
      action,
      points: rule ? String(rule.points) : "",
      label: rule?.label ?? "",
      labels: typedWords(rule?.labels),
    };
  }),
  rewards: p.rewards.map((r) => ({
    id: r.id,
    name: r.name,
    names: typedWords(r.names),
    cost: String(r.cost),
    kind: r.kind,
    value: String(r.value),
    productId: r.productId ?? "",
  })),
  tiers: p.tiers.map((tier) => ({
    id: tier.id,
    name: tier.name,
    names: typedWords(tier.names),
    threshold: String(tier.threshold),
    perks: tier.perks.join("\n"),
    perksIn: typedWords(
      Object.fromEntries(
        Object.entries(tier.perksIn ?? {}).map(([locale, perks]) => [locale, perks.join("\n")]),
      ),
    ),
  })),
  expiryDays: p.settings.expiryDays === null ? "" : String(p.settings.expiryDays),
  tierWindowDays: String(p.settings.tierWindowDays),
  returnWindowDays: String(p.settings.returnWindowDays),
  reviewPointsPerDay: String(p.settings.reviewPointsPerDay),
  codeWebhookTimeoutMs: String(p.settings.codeWebhookTimeoutMs),
  tierMode: p.settings.tierMode,
  reviewPointsNeedPurchase: p.settings.reviewPointsNeedPurchase,
  referralMinimumOrderTotal: String(p.settings.referralMinimumOrderTotal),
  referralUrlTemplate: p.settings.referralUrlTemplate ?? "",
  codeWebhookUrl: p.settings.codeWebhookUrl ?? "",
});

/** A whole number as typed, or undefined. */
const whole = (value: string) => (/^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : undefined);
/** A number as typed, with a decimal point or comma (1.5, 1,5), or undefined. */
function decimal(value: string): number | undefined {
  const typed = value.trim().replace(",", ".");
  return /^\d{1,12}(\.\d{1,6})?$/.test(typed) ? Number(typed) : undefined;
}

/** The program's lists of items with their own ids, and each list's "Add" button (by name). */
type ItemList = "rewards" | "tiers";
const ADD_BUTTON: Record<ItemList, string> = { rewards: "add-reward", tiers: "add-tier" };

/** A fresh id for a new reward or tier: random, so never one a removed reward had. */
function freshId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The label an action with points gets when the merchant leaves it empty, in the admin's language.
 * The server stores one label, which the loyalty panel shows as written to every shopper (it has
 * no words of its own for an action), so the default is a real label, sent with the program.
 */
const DEFAULT_LABELS: Record<EarningAction, MessageKey> = {
  purchase: "programDefaultLabelPurchase",
  signup: "programDefaultLabelSignup",
  review: "programDefaultLabelReview",
  review_with_media: "programDefaultLabelReviewWithMedia",
  referral: "programDefaultLabelReferral",
  birthday: "programDefaultLabelBirthday",
};

const ACTION_NAMES: Record<EarningAction, MessageKey> = {
  purchase: "programActionPurchase",
  signup: "programActionSignup",
  review: "programActionReview",
  review_with_media: "programActionReviewWithMedia",
  referral: "programActionReferral",
  birthday: "programActionBirthday",
};
const KIND_NAMES: Record<RewardKind, MessageKey> = {
  amount_off: "programKindAmountOff",
  percent_off: "programKindPercentOff",
  free_shipping: "programKindFreeShipping",
  free_product: "programKindFreeProduct",
};
const VALUE_NAMES: Record<Exclude<RewardKind, "free_shipping">, MessageKey> = {
  amount_off: "programValueAmountOff",
  percent_off: "programValuePercentOff",
  free_product: "programValueFreeProduct",
};

/**
 * What was typed and not saved, kept outside the screen: a session that ends under it takes the
 * screen down for sign-in, and the same user signed in again finds the form as they left it,
 * with the version they had read (so another owner's save meanwhile is still a conflict).
 */
let kept: { userId: string; typed: Typed; etag: string | null } | null = null;

export default function LoyaltyProgram() {
  const current = useSignal(session);
  const userId = current?.user.id ?? "";
  const [loaded, setLoaded] = useState<StoredProgram | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  /** The program another owner saved meanwhile (a 409 on save), with its version. */
  const [theirs, setTheirs] = useState<{ program: StoredProgram; etag: string | null } | null>(null);
  const [announce, setAnnounce] = useState("");
  const [typed, setTyped] = useState<Typed | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  const { busy, send } = useSending();
  const dirty = useRef(false);
  const latest = useRef<{ typed: Typed | null; etag: string | null }>({ typed: null, etag: null });
  latest.current = { typed, etag };
  const focusAfter = useRef<string | null>(null);
  const [demoPage, setDemoPage] = useState(false);

  /** The program as the server has it, and its version (none yet: the empty program, no version). */
  async function read(): Promise<{ program: StoredProgram; etag: string | null }> {
    try {
      const { data, headers } = await api<StoredProgram>(PATH);
      return { program: data, etag: headers.get("etag") };
    } catch (error) {
      if (problemOf(error).code === "program_not_found") return { program: EMPTY, etag: null };
      throw error;
    }
  }

  const load = () => {
    setFailed(null);
    read().then(({ program, etag: version }) => {
      setLoaded(program);
      if (kept && kept.userId === userId) {
        setTyped(kept.typed);
        setEtag(kept.etag);
        dirty.current = true;
        setErrors({ form: t("programKept") });
      } else {
        setTyped(typedOf(program));
        setEtag(version);
      }
      kept = null;
    }, setFailed);
  };
  useEffect(load, []);
  // The shopper's view, where there is one: the demo shop's rewards page (a server in production
  // has no /demo/, and another store's shop is the merchant's own).
  useEffect(() => {
    if (current?.store.id !== "demo") return;
    fetch(DEMO_REWARDS_PAGE, { method: "HEAD", credentials: "omit" }).then(
      (res) => setDemoPage(res.ok),
      () => {},
    );
  }, []);
  useLayoutEffect(
    () =>
      session.subscribe(() => {
        const { typed: now, etag: version } = latest.current;
        if (!session.value && endedSession.value?.id === userId && dirty.current && now)
          kept = { userId, typed: now, etag: version };
      }),
    [],
  );
  // A reward or tier just added: the focus to its name; one just removed: to its list's "Add".
  useLayoutEffect(() => {
    const name = focusAfter.current;
    if (!name) return;
    focusAfter.current = null;
    document.querySelector<HTMLElement>(`form.program [name="${name}"]`)?.focus();
  });

  if (failed) return <Problem error={failed} onRetry={load} />;
  if (!loaded || !typed) return <Loading />;

  const change = (next: Partial<Typed>) => {
    dirty.current = true;
    setTyped({ ...typed, ...next });
  };
  const changeRule = (action: EarningAction, next: Partial<TypedRule>) =>
    change({ earning: typed.earning.map((r) => (r.action === action ? { ...r, ...next } : r)) });
  const changeReward = (id: string, next: Partial<TypedReward>) =>
    change({ rewards: typed.rewards.map((r) => (r.id === id ? { ...r, ...next } : r)) });
  const changeTier = (id: string, next: Partial<TypedTier>) =>
    change({ tiers: typed.tiers.map((tier) => (tier.id === id ? { ...tier, ...next } : tier)) });
  /** A reward or tier removed: the focus goes on to its list's "Add" button. */
  const removeItem = (list: ItemList, id: string) => {
    change({ [list]: (typed[list] as { id: string }[]).filter((other) => other.id !== id) });
    focusAfter.current = ADD_BUTTON[list];
  };
  /** A blank reward or tier added, under a fresh id: the focus goes to its name. */
  const addItem = <L extends ItemList>(list: L, blank: (id: string) => Typed[L][number]) => {
    const id = freshId(list === "rewards" ? "reward" : "tier");
    change({ [list]: [...typed[list], blank(id)] });
    focusAfter.current = `${list}.${id}.name`;
  };

  function showErrors(found: Errors) {
    setErrors(found);
    focusFirstInvalid("form.program");
  }

  /** The program to PUT, and where each of the server's field paths shows; or the errors found first. */
  function build(
    form: Typed,
  ): { program: StoredProgram; fieldOf: (path: string) => string | undefined } | { errors: Errors } {
    const found: Errors = {};
    /** Each language's words over `max`: refused beside that language's field (`<name>.de`). */
    const checkWords = (name: string, typedWords: TypedWords, max = LOYALTY_LABEL_MAX, lines = false) => {
      for (const locale of PLAUDIT_LOCALES)
        if ((lines ? perkLines(typedWords[locale]) : [typedWords[locale]]).some((w) => tooLong(w, max)))
          found[`${name}.${locale}`] = t("programTooLong", { max });
    };
    if (tooLong(form.pointsName, POINTS_NAME_MAX))
      found.pointsName = t("programTooLong", { max: POINTS_NAME_MAX });
    checkWords("pointsNames", form.pointsNames, POINTS_NAME_MAX);
    const earning: StoredProgram["earning"] = [];
    for (const rule of form.earning) {
      const name = `earning.${rule.action}`;
      const labels = wordsToSave(rule.labels);
      if (rule.points.trim() === "") {
        // An action left empty earns nothing; a label without points is a rule half written.
        if (rule.label.trim() !== "" || labels) found[`${name}.points`] = t("programPointsMissing");
        continue;
      }
      if (tooLong(rule.label)) found[`${name}.label`] = t("programTooLong", { max: LOYALTY_LABEL_MAX });
      checkWords(`${name}.labels`, rule.labels);
      const points = rule.action === "purchase" ? decimal(rule.points) : whole(rule.points);
      if (points === undefined)
        found[`${name}.points`] = t(rule.action === "purchase" ? "programNumber" : "wholeNumber");
      else
        earning.push({
          action: rule.action,
          points,
          label: rule.label.trim() || t(DEFAULT_LABELS[rule.action]),
          ...(labels ? { labels } : {}),
        });
    }
    const rewards: StoredProgram["rewards"] = [];
    for (const r of form.rewards) {
      const cost = whole(r.cost);
      const value = r.kind === "free_shipping" ? 0 : decimal(r.value);
      if (tooLong(r.name)) found[`rewards.${r.id}.name`] = t("programTooLong", { max: LOYALTY_LABEL_MAX });
      checkWords(`rewards.${r.id}.names`, r.names);
      if (cost === undefined) found[`rewards.${r.id}.cost`] = t("wholeNumber");
      if (value === undefined) found[`rewards.${r.id}.value`] = t("programNumber");
      if (cost === undefined || value === undefined) continue;
      const productId = r.kind === "free_product" ? r.productId.trim() : "";
      const names = wordsToSave(r.names);
      rewards.push({
        id: r.id,
        name: r.name.trim(),
        ...(names ? { names } : {}),
        cost,
        kind: r.kind,
        value,
        ...(productId ? { productId } : {}),
      });
    }
    // Tiers are kept in threshold order (the server wants them rising).
    const tiers: StoredProgram["tiers"] = [];
    for (const tier of form.tiers) {
      const threshold = decimal(tier.threshold);
      if (tooLong(tier.name, TIER_NAME_MAX))
        found[`tiers.${tier.id}.name`] = t("programTooLong", { max: TIER_NAME_MAX });
      checkWords(`tiers.${tier.id}.names`, tier.names, TIER_NAME_MAX);
      if (perkLines(tier.perks).some((perk) => tooLong(perk, TIER_PERK_MAX)))
        found[`tiers.${tier.id}.perks`] = t("programTooLong", { max: TIER_PERK_MAX });
      checkWords(`tiers.${tier.id}.perksIn`, tier.perksIn, TIER_PERK_MAX, true);
      const names = wordsToSave(tier.names);
      const perksIn = perksToSave(tier.perksIn);
      if (threshold === undefined) found[`tiers.${tier.id}.threshold`] = t("programNumber");
      else if (tiers.some((other) => other.threshold === threshold))
        found[`tiers.${tier.id}.threshold`] = t("programTierSameThreshold");
      else
        tiers.push({
          id: tier.id,
          name: tier.name.trim(),
          ...(names ? { names } : {}),
          threshold,
          perks: perkLines(tier.perks),
          ...(perksIn ? { perksIn } : {}),
        });
    }
    tiers.sort((a, b) => a.threshold - b.threshold);
    const numbers: Partial<Record<SettingNumber, number>> = {};
    for (const name of SETTING_NUMBERS) {
      if (name === "expiryDays" && form.expiryDays.trim() === "") continue;
      const n = whole(form[name]);
      if (n === undefined) found[`settings.${name}`] = t("wholeNumber");
      else numbers[name] = n;
    }
    const minimum = decimal(form.referralMinimumOrderTotal);
    if (minimum === undefined) found["settings.referralMinimumOrderTotal"] = t("programNumber");
    if (Object.keys(found).length > 0 || minimum === undefined) return { errors: found };
    const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
    const pointsNames = wordsToSave(form.pointsNames);
    const program: StoredProgram = {
      pointsName: form.pointsName.trim(),
      ...(pointsNames ? { pointsNames } : {}),
      earning,
      rewards,
      tiers,
      settings: {
        // Settings this form does not show go back as they were read.
        ...loaded?.settings,
        ...numbers,
        expiryDays: numbers.expiryDays ?? null,
        tierMode: form.tierMode,
        reviewPointsNeedPurchase: form.reviewPointsNeedPurchase,
        referralMinimumOrderTotal: minimum,
        referralUrlTemplate: orNull(form.referralUrlTemplate),
        codeWebhookUrl: orNull(form.codeWebhookUrl),
      } as Settings,
    };
    // The server names an item by its place in what was sent: back to the item's own fields.
    const fieldOf = (path: string): string | undefined => {
      const [list, index, field, language] = path.split(".");
      /** A translation's own field; a language the form has no field for (never sent): beside `own`. */
      const wordsField = (own: string, words: string) =>
        PLAUDIT_LOCALES.includes(language as PlauditLocale) ? `${words}.${language}` : own;
      const at = Number(index);
      if (list === "pointsName") return "pointsName";
      if (list === "pointsNames")
        return PLAUDIT_LOCALES.includes(index as PlauditLocale) ? `pointsNames.${index}` : "pointsName";
      if (list === "settings" && index) return `settings.${index}`;
      if (!Number.isInteger(at)) return undefined;
      if (list === "earning") {
        const rule = earning[at];
        const own =
          field === "labels" ? wordsField("label", "labels") : field === "label" ? "label" : "points";
        return rule && `earning.${rule.action}.${own}`;
      }
      if (list === "rewards") {
        const reward = rewards[at];
        const own = ["name", "cost", "kind", "value", "productId"];
        // Its id (a removed reward's, refused for a different one) is not shown: beside its name.
        // A check of the whole reward (percent_off over 100) is about its value.
        const shown =
          field === "id"
            ? "name"
            : field === "names"
              ? wordsField("name", "names")
              : own.includes(field ?? "")
                ? field
                : "value";
        return reward && `rewards.${reward.id}.${shown}`;
      }
      if (list === "tiers") {
        const tier = tiers[at];
        const shown =
          field === "names"
            ? wordsField("name", "names")
            : field === "perksIn"
              ? wordsField("perks", "perksIn")
              : ["threshold", "perks"].includes(field ?? "")
                ? field
                : "name";
        return tier && `tiers.${tier.id}.${shown}`;
      }
      return undefined;
    };
    return { program, fieldOf };
  }

  function save(version: string | null) {
    if (busy || !typed) return;
    setAnnounce("");
    const built = build(typed);
    if ("errors" in built) return showErrors(built.errors);
    void send(async () => {
      try {
        const { data, headers } = await api<StoredProgram>(PATH, {
          method: "PUT",
          body: built.program,
          ...(version ? { headers: { "if-match": version } } : {}),
        });
        dirty.current = false;
        setLoaded(data);
        setEtag(headers.get("etag"));
        setTyped(typedOf(data));
        setErrors({});
        setTheirs(null);
        setAnnounce(t("programSaved"));
      } catch (error) {
        const problem = problemOf(error);
        if (problem.status === 409 && problem.code === "conflict") {
          // Another owner saved meanwhile: what was typed stays; theirs is offered beside it.
          setTheirs(await read().catch(() => null));
          setErrors({ form: t("programChanged") });
          requestAnimationFrame(() => document.querySelector<HTMLElement>("form.program .conflict")?.focus());
        } else if (problem.fields) showErrors(refusedFields(problem.fields, built.fieldOf));
        else setErrors({ form: problemText(error) });
      }
    });
  }

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    save(etag);
  }

  /** A text input beside its label, hint and error, named as its errors are. */
  const input = (
    name: string,
    label: string,
    value: string,
    onInput: (value: string) => void,
    extra: {
      hint?: string;
      numeric?: boolean;
      ltr?: boolean;
      placeholder?: string;
      lang?: string;
      /** A textarea of this many rows (perks: one a line). */
      rows?: number;
    } = {},
  ) => (
    <Field label={label} error={errors[name]} {...(extra.hint ? { hint: extra.hint } : {})}>
      {(a) => {
        const common = {
          ...a,
          name,
          value,
          ...(extra.placeholder ? { placeholder: extra.placeholder } : {}),
          ...(extra.lang ? { lang: extra.lang } : {}),
        };
        return extra.rows ? (
          <textarea
            {...common}
            rows={extra.rows}
            dir="auto"
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        ) : (
          <input
            {...common}
            autocomplete="off"
            {...(extra.numeric
              ? { inputMode: "decimal" as const, class: "number" }
              : extra.ltr
                ? { dir: "ltr", spellcheck: false }
                : { dir: "auto" })}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        );
      }}
    </Field>
  );

  /**
   * The same words in each language shoppers may read (the widgets show the shopper's, else the
   * default): one field a language, the default as its placeholder. They are gathered under a
   * disclosure that says how many are written, so a form with every action, reward and tier is
   * not three Tab stops longer for each; a refused one opens it (focusFirstInvalid).
   */
  const translations = (
    name: string,
    of: string,
    label: MessageKey,
    typedWords: TypedWords,
    fallback: string,
    onChange: (words: TypedWords) => void,
    rows?: number,
  ) => (
    <details class="translations">
      <summary>
        {t("programTranslations", {
          what: isolate(of),
          written: PLAUDIT_LOCALES.filter((locale) => typedWords[locale].trim() !== "").length,
          total: PLAUDIT_LOCALES.length,
        })}
      </summary>
      <div class="settings-grid">
        {PLAUDIT_LOCALES.map((locale) =>
          input(
            `${name}.${locale}`,
            t(label, { language: isolate(languageName(locale)) }),
            typedWords[locale],
            (v) => onChange({ ...typedWords, [locale]: v }),
            { lang: locale, ...(fallback ? { placeholder: fallback } : {}), ...(rows ? { rows } : {}) },
          ),
        )}
      </div>
    </details>
  );

  const settingNumber = (name: SettingNumber, label: MessageKey, hint?: MessageKey) =>
    input(
      name === "expiryDays" ? "settings.expiryDays" : `settings.${name}`,
      t(label),
      typed[name],
      (v) => change({ [name]: v }),
      {
        numeric: true,
        ...(hint ? { hint: t(hint) } : {}),
      },
    );

  return (
    <section aria-labelledby="program-title" class="program-screen">
      <h1 id="program-title">{t("programTitle")}</h1>
      <form class="card program" onSubmit={submit} noValidate aria-labelledby="program-title">
        {errors.form && (
          <div class="notice error-notice conflict" role="alert" tabIndex={-1}>
            <p>{errors.form}</p>
            {theirs && (
              <div class="actions">
                <button
                  type="button"
                  onClick={() => {
                    dirty.current = false;
                    setLoaded(theirs.program);
                    setEtag(theirs.etag);
                    setTyped(typedOf(theirs.program));
                    setTheirs(null);
                    setErrors({});
                    focusAfter.current = "pointsName";
                  }}
                >
                  {t("programShowTheirs")}
                </button>
                <button type="button" onClick={() => save(theirs.etag)}>
                  {t("programSaveMine")}
                </button>
              </div>
            )}
          </div>
        )}
        {!etag && !dirty.current && <p class="notice">{t("programNone")}</p>}
        {demoPage && (
          <p>
            <a href={DEMO_REWARDS_PAGE} target="_blank" rel="noopener">
              {t("programDemoPage")}
            </a>
          </p>
        )}
        <nav class="program-nav" aria-label={t("programOnThisPage")}>
          <ul>
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <button type="button" class="quiet" onClick={() => document.getElementById(id)?.focus()}>
                  {t(key)}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                class="quiet"
                onClick={() =>
                  document.querySelector<HTMLElement>("form.program button[type=submit]")?.focus()
                }
              >
                {t("programGoToSave")}
              </button>
            </li>
          </ul>
        </nav>
        {input("pointsName", t("programPointsName"), typed.pointsName, (v) => change({ pointsName: v }), {
          hint: t("programPointsNameHint"),
        })}
        {translations(
          "pointsNames",
          t("programPointsName"),
          "programRewardNameIn",
          typed.pointsNames,
          typed.pointsName.trim(),
          (pointsNames) => change({ pointsNames }),
        )}

        <fieldset class="settings-group">
          <legend>
            <Heading id="program-earning">{t("programEarning")}</Heading>
          </legend>
          <p class="hint">{t("programEarningHint")}</p>
          {typed.earning.map((rule) => (
            <Group key={rule.action} title={t(ACTION_NAMES[rule.action])}>
              {input(
                `earning.${rule.action}.points`,
                t(rule.action === "purchase" ? "programPointsPerUnit" : "programPoints"),
                rule.points,
                (v) => changeRule(rule.action, { points: v }),
                { numeric: true },
              )}
              {input(
                `earning.${rule.action}.label`,
                t("programLabel"),
                rule.label,
                (v) => changeRule(rule.action, { label: v }),
                {
                  placeholder: t(DEFAULT_LABELS[rule.action]),
                  hint: t("programLabelHint", { label: isolate(t(DEFAULT_LABELS[rule.action])) }),
                },
              )}
              {translations(
                `earning.${rule.action}.labels`,
                t("programLabel"),
                "programLabelIn",
                rule.labels,
                rule.label.trim() || t(DEFAULT_LABELS[rule.action]),
                (labels) => changeRule(rule.action, { labels }),
              )}
            </Group>
          ))}
        </fieldset>

        <fieldset class="settings-group">
          <legend>
            <Heading id="program-rewards">{t("programRewards")}</Heading>
          </legend>
          <p class="hint">{t("programRewardsHint")}</p>
          {typed.rewards.map((r, i) => (
            <Group key={r.id} title={r.name.trim() || t("programRewardN", { n: i + 1 })}>
              {input(`rewards.${r.id}.name`, t("programRewardName"), r.name, (v) =>
                changeReward(r.id, { name: v }),
              )}
              {translations(
                `rewards.${r.id}.names`,
                t("programRewardName"),
                "programRewardNameIn",
                r.names,
                r.name.trim(),
                (names) => changeReward(r.id, { names }),
              )}
              {input(
                `rewards.${r.id}.cost`,
                t("programRewardCost"),
                r.cost,
                (v) => changeReward(r.id, { cost: v }),
                { numeric: true },
              )}
              <Field label={t("programRewardKind")} error={errors[`rewards.${r.id}.kind`]}>
                {(a) => (
                  <select
                    {...a}
                    name={`rewards.${r.id}.kind`}
                    value={r.kind}
                    onChange={(e) => changeReward(r.id, { kind: e.currentTarget.value as RewardKind })}
                  >
                    {REWARD_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(KIND_NAMES[kind])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {r.kind !== "free_shipping" &&
                input(
                  `rewards.${r.id}.value`,
                  t(VALUE_NAMES[r.kind]),
                  r.value,
                  (v) => changeReward(r.id, { value: v }),
                  { numeric: true },
                )}
              {r.kind === "free_product" &&
                input(
                  `rewards.${r.id}.productId`,
                  t("programRewardProduct"),
                  r.productId,
                  (v) => changeReward(r.id, { productId: v }),
                  { ltr: true },
                )}
              <RemoveButton
                label={t("programRemoveRewardOf", { name: isolate(r.name.trim() || String(i + 1)) })}
                onRemove={() => removeItem("rewards", r.id)}
              />
            </Group>
          ))}
          <button
            type="button"
            name={ADD_BUTTON.rewards}
            onClick={() =>
              addItem("rewards", (id) => ({
                id,
                name: "",
                names: typedWords(undefined),
                cost: "",
                kind: "amount_off",
                value: "",
                productId: "",
              }))
            }
          >
            {t("programAddReward")}
          </button>
        </fieldset>

        <fieldset class="settings-group">
          <legend>
            <Heading id="program-tiers">{t("programTiers")}</Heading>
          </legend>
          <p class="hint">{t("programTiersHint")}</p>
          <Field label={t("programTierMode")} error={errors["settings.tierMode"]}>
            {(a) => (
              <select
                {...a}
                name="settings.tierMode"
                value={typed.tierMode}
                onChange={(e) => change({ tierMode: e.currentTarget.value as Settings["tierMode"] })}
              >
                {TIER_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(mode === "points" ? "programTierModePoints" : "programTierModeSpend")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {settingNumber("tierWindowDays", "programTierWindowDays")}
          {typed.tiers.map((tier, i) => (
            <Group key={tier.id} title={tier.name.trim() || t("programTierN", { n: i + 1 })}>
              {input(`tiers.${tier.id}.name`, t("programTierName"), tier.name, (v) =>
                changeTier(tier.id, { name: v }),
              )}
              {translations(
                `tiers.${tier.id}.names`,
                t("programTierName"),
                "programRewardNameIn",
                tier.names,
                tier.name.trim(),
                (names) => changeTier(tier.id, { names }),
              )}
              {input(
                `tiers.${tier.id}.threshold`,
                t(typed.tierMode === "points" ? "programThresholdPoints" : "programThresholdSpend"),
                tier.threshold,
                (v) => changeTier(tier.id, { threshold: v }),
                { numeric: true },
              )}
              {input(
                `tiers.${tier.id}.perks`,
                t("programTierPerks"),
                tier.perks,
                (v) => changeTier(tier.id, { perks: v }),
                { hint: t("programTierPerksHint"), rows: 3 },
              )}
              {translations(
                `tiers.${tier.id}.perksIn`,
                t("programTierPerks"),
                "programTierPerksIn",
                tier.perksIn,
                tier.perks.trim(),
                (perksIn) => changeTier(tier.id, { perksIn }),
                3,
              )}
              <RemoveButton
                label={t("programRemoveTierOf", { name: isolate(tier.name.trim() || String(i + 1)) })}
                onRemove={() => removeItem("tiers", tier.id)}
              />
            </Group>
          ))}
          <button
            type="button"
            name={ADD_BUTTON.tiers}
            onClick={() =>
              addItem("tiers", (id) => ({
                id,
                name: "",
                names: typedWords(undefined),
                threshold: "",
                perks: "",
                perksIn: typedWords(undefined),
              }))
            }
          >
            {t("programAddTier")}
          </button>
        </fieldset>

        <fieldset class="settings-group">
          <legend>
            <Heading id="program-settings">{t("programSettings")}</Heading>
          </legend>
          <div class="settings-grid">
            {settingNumber("expiryDays", "programExpiryDays", "programExpiryDaysHint")}
            {settingNumber("returnWindowDays", "programReturnWindowDays", "programReturnWindowDaysHint")}
            {settingNumber("reviewPointsPerDay", "programReviewsPerDay")}
            {input(
              "settings.referralMinimumOrderTotal",
              t("programReferralMinimum"),
              typed.referralMinimumOrderTotal,
              (v) => change({ referralMinimumOrderTotal: v }),
              { numeric: true },
            )}
          </div>
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                name="settings.reviewPointsNeedPurchase"
                checked={typed.reviewPointsNeedPurchase}
                aria-invalid={Boolean(errors["settings.reviewPointsNeedPurchase"])}
                aria-describedby={
                  errors["settings.reviewPointsNeedPurchase"] ? "program-need-purchase-error" : undefined
                }
                onChange={(e) => change({ reviewPointsNeedPurchase: e.currentTarget.checked })}
              />
              {t("programReviewNeedsPurchase")}
            </label>
            {errors["settings.reviewPointsNeedPurchase"] && (
              <p class="error" id="program-need-purchase-error">
                {errors["settings.reviewPointsNeedPurchase"]}
              </p>
            )}
          </div>
          {input(
            "settings.referralUrlTemplate",
            t("programReferralUrl"),
            typed.referralUrlTemplate,
            (v) => change({ referralUrlTemplate: v }),
            { ltr: true, hint: t("programReferralUrlHint") },
          )}
          {input(
            "settings.codeWebhookUrl",
            t("programCodeWebhook"),
            typed.codeWebhookUrl,
            (v) => change({ codeWebhookUrl: v }),
            { ltr: true, hint: t("programCodeWebhookHint") },
          )}
          {settingNumber("codeWebhookTimeoutMs", "programCodeWebhookTimeout")}
        </fieldset>

        <div class="actions">
          <button type="submit" class="primary" aria-disabled={busy}>
            {t("programSave")}
          </button>
        </div>
        <Toasts announce={announce} />
      </form>
    </section>
  );
}

/** The form's sections, in order: the page's own links go to each one's heading. */
const SECTIONS: [id: string, title: MessageKey][] = [
  ["program-earning", "programEarning"],
  ["program-rewards", "programRewards"],
  ["program-tiers", "programTiers"],
  ["program-settings", "programSettings"],
];

/** A section's heading, inside its legend: found by heading navigation, focused by the page's links. */
function Heading(props: { id: string; children: ComponentChildren }) {
  return (
    <h2 id={props.id} tabIndex={-1}>
      {props.children}
    </h2>
  );
}

/** One action, reward or tier: its fields under its name. */
function Group(props: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="program-item">
      <legend dir="auto">{props.title}</legend>
      <div class="settings-grid">{props.children}</div>
    </fieldset>
  );
}
