// Accept-Language (RFC 9110 § 12.5.4): the language ranges a request accepts, most wanted first.
// Each range's weight is its `q` (1 when absent); a range with q=0 is "not acceptable" and left
// out; ranges of equal weight keep the header's order. "de;q=0.1, he;q=0.9" → ["he", "de"].

const QVALUE = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** The header's language ranges (lower case, `*` included), highest q first, q=0 left out. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  const ranges: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of (header ?? "").split(",").entries()) {
    const [tagText, ...params] = part.split(";");
    const tag = tagText?.trim().toLowerCase() ?? "";
    if (!tag) continue;
    let q = 1;
    for (const param of params) {
      const text = param.trim();
      if (!/^q=/i.test(text)) continue;
      // A malformed weight makes the range unusable rather than preferred.
      q = QVALUE.test(text) ? Number(text.slice(2)) : 0;
    }
    if (q > 0) ranges.push({ tag, q, index });
  }
  return ranges.sort((a, b) => b.q - a.q || a.index - b.index).map((r) => r.tag);
}

/**
 * The first of the header's ranges (by weight) that `pick` turns into a language we speak, else
 * `fallback`. `pick` sees one range at a time (e.g. "de-at") and answers undefined for one we
 * do not speak.
 */
export function negotiateLanguage<L>(
  header: string | null | undefined,
  pick: (range: string) => L | undefined,
  fallback: L,
): L {
  for (const range of acceptedLanguages(header)) {
    const language = pick(range);
    if (language !== undefined) return language;
  }
  return fallback;
}
