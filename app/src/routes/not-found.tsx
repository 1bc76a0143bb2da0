import { A } from "@solidjs/router";
import { EmptyState } from "../ui/empty-state.tsx";

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>
        There is no page here. <A href="/">Back to the dashboard</A>
      </p>
    </EmptyState>
  );
}
