/* A Delete button that asks first: "Confirm delete" / "Keep" in place (as for data sets). */
import { createSignal, Show } from "solid-js";

export function ConfirmDelete(props: { what: string; onDelete: () => void | Promise<void> }) {
  const [asking, setAsking] = createSignal(false);
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class="ghost"
          aria-label={`Delete ${props.what}`}
          onClick={() => setAsking(true)}
        >
          Delete
        </button>
      }
    >
      <span class="confirm-delete">
        <button type="button" class="danger" onClick={() => void props.onDelete()}>
          Confirm delete
        </button>
        <button type="button" class="ghost" onClick={() => setAsking(false)}>
          Keep
        </button>
      </span>
    </Show>
  );
}
