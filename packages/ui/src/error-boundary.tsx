import { getEvents } from "@plaudit/core/events";
import { Component, type ComponentChildren } from "preact";

export interface ErrorBoundaryProps {
  kind?: string;
  element?: Element;
  /** What to show instead of the broken view; nothing by default (a widget must never break its page). */
  fallback?: ComponentChildren;
  children?: ComponentChildren;
}

/** Catches render errors below it, reports them once on the page-wide bus, shows a quiet fallback. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown): void {
    if (!this.state.failed)
      getEvents().emit("error", { error, kind: this.props.kind, element: this.props.element });
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? (this.props.fallback ?? null) : this.props.children;
  }
}
