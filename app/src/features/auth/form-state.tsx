/**
 * Small helpers shared by the account forms: a busy/error state around one async action,
 * field-level messages from the server's `fields`, and the error line under a form.
 */
import { type Accessor, createSignal, onCleanup, Show } from "solid-js";
import { ApiError } from "../../adapters/api-client.ts";

export interface Action {
  busy: Accessor<boolean>;
  error: Accessor<ApiError | null>;
  /** Runs fn with busy=true; a thrown error is kept for display (and returned as false). */
  run: (fn: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
  /** Field paths shown under their inputs (FieldError registers them): the form line skips those. */
  shownFields: Set<string>;
}

export function createAction(): Action {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError | null>(null);
  return {
    busy,
    error,
    shownFields: new Set<string>(),
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
  props.action.shownFields.add(props.path);
  onCleanup(() => props.action.shownFields.delete(props.path));
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

/**
 * The form-level error line. Field problems shown under their inputs are not repeated
 * here (the server's "Invalid request: password: ..." summary is for API clients); only
 * problems with no field of their own are, in the server's words.
 */
export function FormError(props: { action: Action }) {
  const text = () => {
    const e = props.action.error();
    if (!e) return undefined;
    if (e.status === 429) return `Too many attempts — try again in ${e.retryAfterSeconds ?? 60} s.`;
    const fields = e.fields ?? [];
    if (fields.length === 0) return e.message;
    const shown = (path: string) =>
      [...props.action.shownFields].some((p) => path === p || path.endsWith(`.${p}`));
    const others = fields.filter((f) => !shown(f.path));
    return others.length === 0 ? undefined : others.map((f) => f.message).join(" ");
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
