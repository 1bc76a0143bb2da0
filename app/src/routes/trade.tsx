import { EmptyState } from "../ui/empty-state.tsx";

export function TradePage() {
  return (
    <EmptyState title="Trade">
      <p>
        Paper trading and live trading through your connector: order ticket with position sizing, open
        positions, working orders and history.
      </p>
    </EmptyState>
  );
}
