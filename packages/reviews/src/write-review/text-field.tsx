// One labelled input (or textarea) with its hint and inline error, tied together with
// aria-describedby so a screen reader reads label, value, hint and error as one.
import type { ComponentChildren } from "preact";

export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  onValue(value: string): void;
  onBlur?(): void;
  hint?: string;
  /** The visible error message; when set the field is marked invalid. */
  error?: string;
  /** More ids for aria-describedby (e.g. a character count's hint). */
  describedBy?: string;
  multiline?: boolean;
  type?: "text" | "email";
  autoComplete?: string;
  required?: boolean;
  dir?: "auto" | "ltr" | "rtl";
  /** Rendered under the input, before the error (e.g. the character count). */
  after?: ComponentChildren;
}

export const errorIdOf = (id: string) => `${id}-error`;
const hintIdOf = (id: string) => `${id}-hint`;

export function TextField(props: TextFieldProps) {
  const { id, name, label, value, hint, error, multiline } = props;
  const describedBy = [hint ? hintIdOf(id) : "", props.describedBy ?? "", error ? errorIdOf(id) : ""]
    .filter(Boolean)
    .join(" ");
  const shared = {
    id,
    name,
    value,
    class: "plaudit-write-review-input",
    dir: props.dir,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-required": props.required ? ("true" as const) : undefined,
    "aria-describedby": describedBy || undefined,
    onBlur: props.onBlur,
  };
  const single = {
    autoComplete: props.autoComplete,
    onInput: (event: Event) => props.onValue((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`plaudit-write-review-field${error ? " is-invalid" : ""}`}>
      <label for={id} class="plaudit-write-review-label">
        {label}
      </label>
      {hint && (
        <p id={hintIdOf(id)} class="plaudit-write-review-hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea
          {...shared}
          rows={6}
          onInput={(event) => props.onValue((event.currentTarget as HTMLTextAreaElement).value)}
        />
      ) : props.type === "email" ? (
        <input {...shared} {...single} type="email" spellcheck={false} />
      ) : (
        <input {...shared} {...single} type="text" />
      )}
      {props.after}
      {error && <FieldError id={errorIdOf(id)} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} class="plaudit-write-review-error">
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path
          d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2v2zm0-4h-2V7h2v6z"
          fill="currentColor"
        />
      </svg>
      <span>{message}</span>
    </p>
  );
}
