export { createApp, type PlauditApp } from "./app.ts";
export type { AppContext, AppDeps, AppEnv, RouteModule } from "./context.ts";
export { type CustomerTokenResult, signCustomerToken, verifyCustomerToken } from "./customer-token.ts";
export { type Database, openDatabase } from "./db/database.ts";
export { migrate } from "./db/migrate.ts";
export { transaction } from "./db/transaction.ts";
export type { RecordedOrder, ServerHooks, SubmittedReview } from "./hooks.ts";
export type { RateLimiter } from "./rate-limit.ts";
export { seedDemo } from "./seed.ts";
