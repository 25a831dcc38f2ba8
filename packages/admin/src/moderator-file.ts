/**
 * A moderator's file URL (`/v1/admin/media/{id}/files/{file}`) on this app's own origin. The server
 * names it under PLAUDIT_PUBLIC_URL; a merchant who reaches the admin by another address (an SSH
 * tunnel to localhost, an internal host name) has the session cookie only here, so the image
 * there was refused and every held photo showed broken. Public media URLs stay as they are.
 */
export function moderatorFile(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    return parsed.pathname.startsWith("/v1/admin/") ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}
