/**
 * Small helpers shared by the account forms: a busy/error state around one async action,
 * field-level messages from the server's `fields`, and the error line under a form.
 */
import { type Accessor, createSignal, Show } from "solid-js";
import { ApiError } from "../../adapters/api-client.ts";

export interface Action {
  busy: Accessor<boolean>;
  error: Accessor<ApiError | null>;
  /** Runs fn with busy=true; a thrown error is kept for display (and returned as false). */
  run: (fn: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
}

export function createAction(): Action {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError | null>(null);
  return {
    busy,
    error,
    clear: () => setError(null),
    run: async (fn) => {
      if (busy()) return false;
      setBusy(true);
      setError(null);
      try {
        await fn();
        return true;
      } catch (e) {
        setError(asApiError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ status: 0, code: "client_error", message: (e as Error)?.message ?? String(e) });
}

/** The server's message for one field (path like "password" or "settings.defaultRiskPercent"). */
export function fieldMessage(error: ApiError | null, path: string): string | undefined {
  return error?.fields?.find((f) => f.path === path || f.path.endsWith(`.${path}`))?.message;
}

export function FieldError(props: { action: Action; path: string }) {
  return (
    <Show when={fieldMessage(props.action.error(), props.path)}>
      {(msg) => (
        <span class="error-text" data-field-error={props.path}>
          {msg()}
        </span>
      )}
    </Show>
  );
}

/** The form-level error line (hidden for 429: the toast already says how long to wait). */
export function FormError(props: { action: Action }) {
  const text = () => {
    const e = props.action.error();
    if (!e) return undefined;
    if (e.status === 429) return `Too many attempts — try again in ${e.retryAfterSeconds ?? 60} s.`;
    return e.message;
  };
  return (
    <Show when={text()}>
      {(t) => (
        <p class="error-text" role="alert">
          {t()}
        </p>
      )}
    </Show>
  );
}
