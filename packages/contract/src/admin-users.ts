import * as v from "valibot";
import { timestamp } from "./fields.ts";
import { LIMITS, STORE_ID_PATTERN } from "./limits.ts";

// The admin app's accounts (API.md, "Merchant admin"): sign-in, invite links, the store's users.

export const ADMIN_ROLES = ["owner", "moderator", "support"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const ROLE_MESSAGE = "must be owner, moderator or support";

export const SignInInput = v.object(
  {
    store: v.pipe(v.string("must be a store id"), v.regex(STORE_ID_PATTERN, "must be a store id")),
    email: v.pipe(
      v.string("must be an email address"),
      v.maxLength(LIMITS.emailMax, "must be an email address"),
    ),
    password: v.pipe(v.string("must be a password"), v.maxLength(1000, "is too long")),
  },
  "must be a JSON object",
);

export const NewUserInput = v.object(
  {
    email: v.pipe(
      v.string("must be an email address"),
      v.trim(),
      v.maxLength(LIMITS.emailMax, "must be an email address"),
      v.regex(EMAIL_ADDRESS, "must be an email address"),
    ),
    role: v.picklist(ADMIN_ROLES, ROLE_MESSAGE),
  },
  "must be a JSON object",
);

/** An owner changes a user's role (the user's sessions carry the new scopes at once). */
export const UserPatch = v.object({ role: v.picklist(ADMIN_ROLES, ROLE_MESSAGE) }, "must be a JSON object");

/** Following an invite link: its token and the new password. */
export const PasswordInput = v.object({
  token: v.string(),
  password: v.pipe(v.string(), v.minLength(10), v.maxLength(200)),
});

export const AdminUser = v.object({
  id: v.string(),
  storeId: v.string(),
  email: v.string(),
  role: v.picklist(ADMIN_ROLES),
  /** false until the invite link was followed. */
  active: v.pipe(v.boolean(), v.description("false until the invite link was followed")),
  createdAt: timestamp,
});

export const AdminSession = v.object({
  user: v.object({ id: v.string(), email: v.string(), role: v.picklist(ADMIN_ROLES) }),
  store: v.object({
    id: v.string(),
    name: v.string(),
    timeZone: v.pipe(v.string(), v.description("the zone the admin counts the store's days in")),
  }),
  scopes: v.array(v.string()),
  csrfToken: v.pipe(v.string(), v.description("send as X-CSRF-Token on every write")),
  expiresAt: timestamp,
});

export const InviteLink = v.object({ inviteUrl: v.string(), expiresAt: timestamp });
export const CreatedUser = v.object({ user: AdminUser, ...InviteLink.entries });
export const AdminUserList = v.object({ items: v.array(AdminUser) });
export const PasswordSet = v.object({ user: AdminUser });
