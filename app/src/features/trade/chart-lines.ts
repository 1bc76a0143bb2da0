/**
 * The horizontal lines the Trade chart draws for an account (pure): each position's entry,
 * stop-loss and take-profit, each working order's price and its SL/TP. SL, TP and order
 * prices can be dragged; `commit` says which change a drag to a new price makes.
 */
import type {
  OrderChange,
  PositionChange,
  PositionView,
  WorkingOrderView,
} from "../../../../core/paper/types.ts";

export interface ChartLine {
  key: string;
  price: number;
  title: string;
  color: string;
  /** what a drag changes; undefined = fixed (entry lines) */
  drag?: { target: "position" | "order"; id: string; field: "stopLoss" | "takeProfit" | "price" };
}

const COLORS = { entry: "#38bdf8", sl: "#ef4444", tp: "#22c55e", order: "#f59e0b" };

export function chartLines(
  positions: readonly PositionView[],
  orders: readonly WorkingOrderView[],
): ChartLine[] {
  const out: ChartLine[] = [];
  for (const p of positions) {
    const tag = `${p.side} ${p.units.toLocaleString("en-US")}`;
    out.push({ key: `entry-${p.id}`, price: p.openPrice, title: tag, color: COLORS.entry });
    if (p.stopLoss !== undefined)
      out.push({
        key: `sl-${p.id}`,
        price: p.stopLoss,
        title: "SL",
        color: COLORS.sl,
        drag: { target: "position", id: p.id, field: "stopLoss" },
      });
    if (p.takeProfit !== undefined)
      out.push({
        key: `tp-${p.id}`,
        price: p.takeProfit,
        title: "TP",
        color: COLORS.tp,
        drag: { target: "position", id: p.id, field: "takeProfit" },
      });
  }
  for (const o of orders) {
    if (o.price !== undefined)
      out.push({
        key: `order-${o.id}`,
        price: o.price,
        title: `${o.side} ${o.type}`,
        color: COLORS.order,
        drag: { target: "order", id: o.id, field: "price" },
      });
    if (o.stopLoss !== undefined)
      out.push({
        key: `osl-${o.id}`,
        price: o.stopLoss,
        title: "SL",
        color: COLORS.sl,
        drag: { target: "order", id: o.id, field: "stopLoss" },
      });
    if (o.takeProfit !== undefined)
      out.push({
        key: `otp-${o.id}`,
        price: o.takeProfit,
        title: "TP",
        color: COLORS.tp,
        drag: { target: "order", id: o.id, field: "takeProfit" },
      });
  }
  return out;
}

/** The modification a dragged line asks for. */
export function dragChange(
  line: ChartLine,
  price: number,
): { target: "position"; change: PositionChange } | { target: "order"; change: OrderChange } | undefined {
  if (!line.drag) return undefined;
  const change = { [line.drag.field]: price };
  return line.drag.target === "position" ? { target: "position", change } : { target: "order", change };
}
