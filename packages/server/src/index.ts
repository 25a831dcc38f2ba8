export { createApp, type PlauditApp } from "./app.ts";
export type { AppContext, AppDeps, AppEnv, RouteModule } from "./context.ts";
export { type CustomerTokenResult, signCustomerToken, verifyCustomerToken } from "./customer-token.ts";
export { type Database, openDatabase } from "./db/database.ts";
export { migrate } from "./db/migrate.ts";
export { transaction } from "./db/transaction.ts";
export type { RecordedOrder, ServerHooks, SubmittedReview } from "./hooks.ts";
export { listen } from "./http/listen.ts";
export {
  createJobRunner,
  enqueueJob,
  type JobHandler,
  type JobRunner,
  PermanentJobError,
} from "./jobs/index.ts";
export { type Logger, silentLogger } from "./logger.ts";
export { type Mailer, type OutgoingMail, smtpMailer } from "./mail/index.ts";
export { type RateLimiter, unlimitedRateLimiter } from "./rate-limit.ts";
export { serverJobRunner } from "./worker.ts";
