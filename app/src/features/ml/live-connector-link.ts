/**
 * The app's ConnectorLink over the shared live store (the relay socket the Connector and
 * Trade pages use): holding a link keeps the socket open; orders go through submitLive.
 */
import { createEffect, createRoot, createSignal, on } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { live, onLiveMessage, submitLive, useLive } from "../connector/live-store.ts";
import type { ConnectorLink } from "./connector-link.ts";

/** Why the connector cannot take a bot's orders now ("" when it can). */
export function connectorOffline(): string {
  if (live.state() !== "open") return "the relay connection is down (reconnecting)";
  const p = live.presence();
  if (!p?.online) return "the connector is offline";
  return "";
}

/** A link over the live store; `release()` lets the socket close when nothing else uses it. */
export function liveConnectorLink(): ConnectorLink & { release(): void } {
  const release = useLive();
  const changeListeners = new Set<() => void>();
  // The user's linked connectors by id, to name the one online.
  const [names, setNames] = createSignal<Record<string, string>>({});
  void call("get", "/connector/connectors", { quietRateLimit: true })
    .then(({ connectors }) => setNames(Object.fromEntries(connectors.map((c) => [c.id, c.name]))))
    .catch(() => {});
  const dispose = createRoot((d) => {
    createEffect(
      on([live.state, live.presence, live.account, names], () => {
        for (const l of changeListeners) l();
      }),
    );
    return d;
  });
  return {
    offline: connectorOffline,
    connector() {
      const id = live.presence()?.connectorId;
      return id ? { id, name: names()[id] ?? `connector ${id.slice(0, 8)}` } : null;
    },
    quote: (symbol) => live.quotes()[symbol],
    account: live.account,
    positions: live.positions,
    submit: submitLive,
    onQuotes(listener) {
      return onLiveMessage((m) => {
        if (m.type === "quotes") listener(m.quotes);
      });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    release() {
      dispose();
      release();
    },
  };
}
