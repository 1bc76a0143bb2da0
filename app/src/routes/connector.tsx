import { EmptyState } from "../ui/empty-state.tsx";

export function ConnectorPage() {
  return (
    <EmptyState title="Connector">
      <p>Link the desktop connector to trade through your broker (paper, OANDA or MetaTrader 5).</p>
    </EmptyState>
  );
}
