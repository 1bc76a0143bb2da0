import { EmptyState } from "../ui/empty-state.tsx";

export function DataPage() {
  return (
    <EmptyState title="Data">
      <p>
        Import MetaTrader, HistData, Dukascopy or any CSV price file here, or load the simulated sample. Your
        data sets will be listed with symbol, timeframe, range and size.
      </p>
    </EmptyState>
  );
}
