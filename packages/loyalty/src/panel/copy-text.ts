// Copy a code or link for the shopper. The async clipboard needs a secure context and, in some
// browsers, permission; where it fails the text is selected in its field (and the legacy copy
// command tried), so the shopper can press Ctrl+C. Answers whether the text was copied.
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  const clipboard = globalThis.navigator?.clipboard;
  if (clipboard && typeof clipboard.writeText === "function") {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Fall through to selecting the text.
    }
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    // Deprecated but still the only synchronous way in older browsers.
    return field.ownerDocument.execCommand?.("copy") === true;
  } catch {
    return false;
  }
}
