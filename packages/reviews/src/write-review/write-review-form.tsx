// The form's fields, rendered from a draft and resolved error messages; no state of its own.

import type { I18n } from "@plaudit/core";
import { BODY_MAX, type Rating } from "@plaudit/core";
import { Button, RatingInput } from "@plaudit/ui";
import type { ComponentChildren } from "preact";
import { CharacterCount } from "./character-count.tsx";
import { characterCount, type DraftField, type ReviewDraft } from "./review-draft.ts";
import { FieldError, TextField } from "./text-field.tsx";

export interface WriteReviewFormProps {
  /** Prefix of every id in the form (unique per dialog). */
  idBase: string;
  i18n: I18n;
  draft: ReviewDraft;
  /** Visible error message per field. */
  errors: Partial<Record<DraftField, string>>;
  sending: boolean;
  /** Message of the failed submission, announced as an alert; empty when none. */
  failure: string;
  onDraft<K extends keyof ReviewDraft>(field: K, value: ReviewDraft[K]): void;
  onLeaveField(field: DraftField): void;
  onSubmit(): void;
  /** The photo and video field, placed after the review text. */
  media?: ComponentChildren;
}

export function WriteReviewForm(props: WriteReviewFormProps) {
  const { idBase, i18n, draft, errors, sending, failure, onDraft, onLeaveField } = props;
  const id = (field: string) => `${idBase}-${field}`;
  const ratingErrorId = `${id("rating")}-error`;
  const submitLabel = sending ? "submit.sending" : failure ? "submit.retry" : "submit.send";

  return (
    <form
      class="plaudit-write-review-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <div class="plaudit-write-review-field">
        <RatingInput
          id={id("rating")}
          value={draft.rating}
          onChange={(rating: Rating) => onDraft("rating", rating)}
          label={i18n.t("rating.label")}
          starLabel={(n) => i18n.plural("rating.star", n)}
          dir={i18n.dir}
          required
          invalid={Boolean(errors.rating)}
          describedBy={errors.rating ? ratingErrorId : undefined}
          onBlur={() => onLeaveField("rating")}
        />
        {errors.rating && <FieldError id={ratingErrorId} message={errors.rating} />}
      </div>

      <TextField
        id={id("title")}
        name="title"
        label={i18n.t("title.label")}
        value={draft.title}
        onValue={(value) => onDraft("title", value)}
        onBlur={() => onLeaveField("title")}
        error={errors.title}
        dir="auto"
      />

      <TextField
        id={id("body")}
        name="body"
        label={i18n.t("body.label")}
        multiline
        required
        value={draft.body}
        onValue={(value) => onDraft("body", value)}
        onBlur={() => onLeaveField("body")}
        error={errors.body}
        describedBy={id("body-limit")}
        dir="auto"
        after={
          <CharacterCount
            id={id("body-limit")}
            count={characterCount(draft.body)}
            max={BODY_MAX}
            i18n={i18n}
          />
        }
      />

      {props.media}

      <TextField
        id={id("name")}
        name="name"
        label={i18n.t("name.label")}
        hint={i18n.t("name.hint")}
        required
        autoComplete="name"
        value={draft.name}
        onValue={(value) => onDraft("name", value)}
        onBlur={() => onLeaveField("name")}
        error={errors.name}
        dir="auto"
      />

      <TextField
        id={id("email")}
        name="email"
        type="email"
        label={i18n.t("email.label")}
        hint={i18n.t("email.hint")}
        required
        autoComplete="email"
        value={draft.email}
        onValue={(value) => onDraft("email", value)}
        onBlur={() => onLeaveField("email")}
        error={errors.email}
        dir="ltr"
      />

      {/* Honeypot: off-screen, out of the tab order and the accessibility tree; bots fill it. */}
      <div class="plaudit-write-review-trap" aria-hidden="true">
        <label for={id("website")}>{i18n.t("website.label")}</label>
        <input
          id={id("website")}
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={draft.website}
          onInput={(event) => onDraft("website", (event.currentTarget as HTMLInputElement).value)}
        />
      </div>

      <p role="alert" class="plaudit-write-review-alert">
        {failure}
      </p>

      <div class="plaudit-write-review-actions">
        <Button variant="primary" type="submit" aria-disabled={sending ? "true" : undefined}>
          {i18n.t(submitLabel)}
        </Button>
      </div>
    </form>
  );
}
