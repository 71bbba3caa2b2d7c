/**
 * A panel that fails to render (a bug, or data no check foresaw) shows a short message in its
 * place with "Try again", instead of React unmounting the whole page: one boundary around each
 * panel of app.tsx, and around the charts and tables that draw a run's metrics. `resetKey`
 * (e.g. the run being shown) clears the failure when it changes, so showing another run redraws
 * the panel without a click. React itself logs the error and its component stack to the console.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What the panel is, for the message ("the run history"). */
  name: string;
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { error: null, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="error" data-testid="panel-error" data-panel={this.props.name}>
        <p>
          Something went wrong showing {this.props.name} ({error.message}). The rest of the page
          still works.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
