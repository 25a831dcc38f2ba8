// The scope names and each role's grant live in the contract (the admin app shows its screens by
// the same names); the server's modules, migrations included, import them from here.

export type { AdminRole as Role } from "@plaudit/contract";
export {
  type Grant,
  grants,
  isGrant,
  ROLE_SCOPES,
  SCOPES,
  type Scope,
} from "@plaudit/contract";
