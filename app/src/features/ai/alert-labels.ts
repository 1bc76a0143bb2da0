/** Display names of the habit alert types. */
import type { HabitAlert } from "../../../../core/analysis/trades/index.ts";

export const ALERT_LABELS: Record<HabitAlert["type"], string> = {
  overtrading: "Overtrading",
  revenge_trading: "Revenge trading",
  size_outlier: "Size outlier",
  off_hours: "Off-hours trading",
  drawdown_limit: "Drawdown limit",
};
