/* A page placeholder that says what the page will hold. */
import type { JSX } from "solid-js";

export function EmptyState(props: { title: string; children: JSX.Element }) {
  return (
    <section class="page">
      <h1>{props.title}</h1>
      <div class="empty-state">{props.children}</div>
    </section>
  );
}
