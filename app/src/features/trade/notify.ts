/** Turns paper broker events into the notifications the trader sees (toasts and the list). */
import type { PaperEvent } from "../../../../core/paper/types.ts";
import type { NotificationItem } from "./trade-types.ts";

const REASON: Record<string, NotificationItem["kind"]> = {
  sl: "sl",
  tp: "tp",
  "stop-out": "stop-out",
  close: "close",
  reverse: "close",
};
const LABEL: Record<string, string> = {
  sl: "Stop-loss hit",
  tp: "Take-profit hit",
  "stop-out": "Stop-out",
  close: "Closed",
  reverse: "Closed by an opposite order",
};

const money = (n: number) => (n >= 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

/** One notification per event, without an id (the caller numbers them). */
export function describeEvent(e: PaperEvent, currency: string): Omit<NotificationItem, "id"> {
  switch (e.type) {
    case "fill":
      return {
        kind: "fill",
        text: `Filled: ${e.side} ${e.units.toLocaleString("en-US")} ${e.symbol} at ${e.price}`,
        time: e.time,
      };
    case "close": {
      const t = e.trade;
      return {
        kind: REASON[t.reason] ?? "close",
        text: `${LABEL[t.reason] ?? "Closed"}: ${t.side} ${t.units.toLocaleString("en-US")} ${t.symbol} at ${t.exitPrice}, ${money(t.pnl)} ${currency}`,
        time: t.exitTime,
      };
    }
    case "cancel":
      return {
        kind: "cancel",
        text:
          e.reason === "insufficient-margin"
            ? `Order ${e.orderId} cancelled: not enough free margin`
            : `Order ${e.orderId} cancelled`,
        time: e.time,
      };
    case "margin-call":
      return {
        kind: "margin-call",
        text: `Margin call: margin level ${e.marginLevel.toFixed(0)}%; add funds or reduce positions`,
        time: e.time,
      };
  }
}
