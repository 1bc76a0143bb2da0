import { EmptyState } from "../ui/empty-state.tsx";

export function BotsPage() {
  return (
    <EmptyState title="Bots">
      <p>
        Train machine-learning models on your data, test them out of sample, and run them as bots on the paper
        broker or your connector.
      </p>
    </EmptyState>
  );
}
