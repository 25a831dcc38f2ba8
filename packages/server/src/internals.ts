// `@plaudit/server/internals`: the server's own building blocks, for the repository's private
// packages that plug into it — today the demo (`packages/demo`, loaded only by `start --demo`
// through the hook in demo-hook.ts). Not a public API: no semver promise, anything here may
// change in any release. A storefront uses `@plaudit/server` (index.ts) instead.

export { hashPassword } from "./admin-users/passwords.ts";
export { randomToken } from "./admin-users/secrets.ts";
export { normalizeEmail } from "./admin-users/users.ts";
export { CliError } from "./cli-error.ts";
export type { RouteModule } from "./context.ts";
export { signCustomerToken } from "./customer-token.ts";
export type { Database } from "./db/database.ts";
export type { ReviewsTable, Schema } from "./db/schema.ts";
export { type Tx, transaction } from "./db/transaction.ts";
export type { DemoHook, DemoNotice, DemoSeedArgs, DemoSeedResult } from "./demo-hook.ts";
export { errorBody } from "./errors.ts";
export { readJsonBody } from "./http/json-body.ts";
export { addAdminKey, hashAdminKey, newAdminKey } from "./keys/admin-keys.ts";
export { plainSecretBox, type SecretBox } from "./keys/secret-box.ts";
export { assertStrongSecret } from "./keys/secret-strength.ts";
export { addSigningSecret, currentSigningSecret } from "./keys/signing-secrets.ts";
export { ensureBalanceRow, postEntry } from "./loyalty/ledger.ts";
export { loadProgram, type StoredProgram, saveProgram } from "./loyalty/program.ts";
export { type ProcessedImage, processImage } from "./media/image-processing.ts";
export { keysOf, type MediaRow, parseFiles } from "./media/media-json.ts";
export type { MediaStorage } from "./media/media-storage.ts";
export { tableReviewMedia } from "./media/review-media-source.ts";
export { recordMedia } from "./media/store-upload.ts";
export { insertOrder } from "./orders/record-order.ts";
export { prng } from "./prng.ts";
export { newReviewId } from "./reviews/review-submit.ts";
export { searchText } from "./reviews/search-text.ts";
export { applySummaryChange, type SummaryChange } from "./reviews/summary-repo.ts";
export { sendFile } from "./routes/static-assets.ts";
export { createStore } from "./stores/create-store.ts";
export { findStore } from "./stores/store-repo.ts";
