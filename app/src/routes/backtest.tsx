import { EmptyState } from "../ui/empty-state.tsx";

export function BacktestPage() {
  return (
    <EmptyState title="Backtest">
      <p>
        Pick a data set and a strategy, set costs and account settings, and run a backtest. Statistics, equity
        curve and trades will appear here.
      </p>
    </EmptyState>
  );
}
