import { EmptyState } from "../ui/empty-state.tsx";

export function AiPage() {
  return (
    <EmptyState title="AI supervisor">
      <p>
        Ask about the market and your own trading habits. Local analysis works offline; chat uses the server's
        AI proxy when online.
      </p>
    </EmptyState>
  );
}
