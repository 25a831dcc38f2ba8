/** PLAUDIT_PUBLIC_URL and PLAUDIT_SMTP_URL, checked once at the edge (the CLI). */
export interface MailSettings {
  /** Origin of links in emails and hosted pages, without a trailing slash. */
  publicUrl?: string;
  smtpUrl?: string;
}

/** Throws a message that names the variable when one is malformed or one is missing its pair. */
export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailSettings {
  const publicText = env.PLAUDIT_PUBLIC_URL?.trim();
  const smtpText = env.PLAUDIT_SMTP_URL?.trim();
  const settings: MailSettings = {};
  if (publicText) {
    let url: URL;
    try {
      url = new URL(publicText);
    } catch {
      throw new Error(`PLAUDIT_PUBLIC_URL must be an http(s) origin such as https://reviews.example.com`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw new Error(`PLAUDIT_PUBLIC_URL must be an http(s) origin such as https://reviews.example.com`);
    settings.publicUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }
  if (smtpText) {
    let url: URL | undefined;
    try {
      url = new URL(smtpText);
    } catch {}
    if (!url || (url.protocol !== "smtp:" && url.protocol !== "smtps:") || !url.hostname)
      throw new Error(
        "PLAUDIT_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465",
      );
    try {
      decodeURIComponent(url.username);
      decodeURIComponent(url.password);
    } catch {
      // A generated password with a bare "%" (common) failed later as a URIError with a stack.
      throw new Error(
        "PLAUDIT_SMTP_URL: the user name and password must be URL-encoded (% as %25, @ as %40, : as %3A, / as %2F)",
      );
    }
    if (!settings.publicUrl)
      throw new Error(
        "PLAUDIT_SMTP_URL is set, so PLAUDIT_PUBLIC_URL is needed too: the origin of links in emails",
      );
    settings.smtpUrl = smtpText;
  }
  return settings;
}
