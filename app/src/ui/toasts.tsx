/* Toast notifications: any module calls toast(); the layout renders them. */
import { createSignal, For } from "solid-js";

export type ToastKind = "info" | "success" | "error";
interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
}

const [items, setItems] = createSignal<ToastItem[]>([]);
let nextId = 1;

/** Shows a message for a few seconds (errors stay longer). */
export function toast(text: string, kind: ToastKind = "info"): void {
  const id = nextId++;
  setItems((list) => [...list, { id, kind, text }]);
  setTimeout(() => setItems((list) => list.filter((t) => t.id !== id)), kind === "error" ? 10_000 : 5_000);
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={items()}>{(t) => <div class={`toast ${t.kind}`}>{t.text}</div>}</For>
    </div>
  );
}
