import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/**
 * A page that throws while rendering shows what happened instead of a blank app; the rest of the app (navigation,
 * sign-out) keeps working, and going to another page starts it afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("the page failed", error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <section className="page" role="alert" data-testid="page-error">
        <h2>This page failed</h2>
        <p className="error">{this.state.error.message}</p>
        <p>Nothing was saved by the failure. Reload the page, or go to another page; please report what you did.</p>
      </section>
    );
  }
}
