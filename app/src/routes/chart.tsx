import { EmptyState } from "../ui/empty-state.tsx";

export function ChartPage() {
  return (
    <EmptyState title="Chart">
      <p>Candles and volume for your stored data, with timeframes, indicators and a crosshair legend.</p>
    </EmptyState>
  );
}
