// A read-only field holding a code or link, with a Copy button. The field is a real input so the
// fallback can select its text, and it names itself with a visible label.
import { Button } from "@plaudit/ui";
import type { ComponentChildren } from "preact";
import { useId, useRef } from "preact/hooks";
import { copyText } from "./copy-text.ts";

export interface CopyFieldProps {
  label: string;
  value: string;
  copyLabel: string;
  /** Called with whether the copy worked; the panel announces it. */
  onCopied(copied: boolean): void;
  class?: string;
  children?: ComponentChildren;
}

export function CopyField({ label, value, copyLabel, onCopied, children, ...props }: CopyFieldProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  return (
    <div class={props.class}>
      <label for={id} class="plaudit-loyalty-muted">
        {label}
      </label>
      <div class="plaudit-loyalty-copy">
        <input
          id={id}
          ref={field}
          type="text"
          readOnly
          value={value}
          spellcheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button onClick={async () => onCopied(await copyText(value, field.current))}>{copyLabel}</Button>
        {children}
      </div>
    </div>
  );
}
