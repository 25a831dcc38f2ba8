export { type Mailer, MailRefused, type OutgoingMail, oneLine } from "./mailer.ts";
export { smtpMailer } from "./smtp-mailer.ts";
