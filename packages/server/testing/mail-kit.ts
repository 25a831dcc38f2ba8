// For tests outside the server package (e2e): the job runner and the SMTP mailer from the same
// module instances as the test server, so what the runner signs the server can check.
export { smtpMailer } from "../src/mail/smtp-mailer.ts";
export { serverJobRunner } from "../src/worker.ts";
