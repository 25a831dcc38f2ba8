import type { ButtonHTMLAttributes } from "preact";

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "quiet";
};

/** A native button (type="button" unless told) with the widget look; ≥ 32×32 px, so touch-friendly. */
export function Button({ variant = "secondary", class: className, type = "button", ...rest }: ButtonProps) {
  const classes = `plaudit-button plaudit-button--${variant}${className ? ` ${className}` : ""}`;
  return <button type={type} class={classes} {...rest} />;
}
