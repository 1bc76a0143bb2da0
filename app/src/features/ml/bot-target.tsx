/*
 * The "Trade on" choice of the bot form: paper with market replay, or the linked connector
 * the relay says is online (by its id in the presence), offered only while it is online
 * (the reason is shown when not).
 */
import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import { call } from "../../adapters/api-client.ts";
import { currentUser } from "../auth/session.ts";
import { live, useLive } from "../connector/live-store.ts";
import { connectorOffline } from "./live-connector-link.ts";
import type { BotTarget } from "./records.ts";

export interface LinkedConnector {
  id: string;
  name: string;
}

/** The linked connector a bot can trade on now, and why not when there is none. */
export function useConnectorTarget() {
  const [all, setAll] = createSignal<LinkedConnector[]>([]);
  const [checked, setChecked] = createSignal(false);
  // Signed in (now or once the session is restored): hold the relay socket and look up the connectors.
  createEffect(() => {
    if (!currentUser()) return;
    onCleanup(useLive());
    void call("get", "/connector/connectors", { quietRateLimit: true })
      .then(({ connectors }) => setAll(connectors.map((c) => ({ id: c.id, name: c.name }))))
      .catch(() => setAll([]))
      .finally(() => setChecked(true));
  });
  // The connector a new bot trades on: the one the relay says is online (or was last seen);
  // with a relay that does not say which (older), only an only linked connector is certain.
  const linked = (): LinkedConnector | null => {
    const list = all();
    const id = live.presence()?.connectorId;
    if (id) return list.find((c) => c.id === id) ?? null;
    return list.length === 1 ? list[0] : null;
  };
  const why = () => {
    if (!currentUser()) return "sign in and link a connector on the Connector page first";
    if (!checked()) return "checking for a linked connector…";
    if (all().length === 0) return "link a connector on the Connector page first";
    const c = linked();
    if (!c)
      return live.presence()?.connectorId
        ? "the connector the relay sees is not linked any more; start one of your linked connectors"
        : "start the connector you want the bot to trade on";
    const offline = connectorOffline();
    return offline ? `${c.name}: ${offline}; start it to trade on it` : "";
  };
  return { linked, why };
}

export function TargetPicker(props: {
  value: BotTarget;
  onChange: (t: BotTarget) => void;
  linked: LinkedConnector | null;
  why: string;
}) {
  const broker = () => live.presence()?.broker;
  return (
    <label>
      Trade on
      <select
        aria-label="Trade on"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as BotTarget)}
      >
        <option value="paper-replay">Paper account, market replay</option>
        <option value="connector" disabled={props.why !== ""}>
          {props.why === ""
            ? `Connector ${props.linked?.name ?? ""} (${broker()?.kind ?? "?"}${broker()?.live ? ", live money" : ""})`
            : "Connector (unavailable)"}
        </option>
      </select>
      <Show when={props.why}>
        <small data-testid="connector-target-note">Connector unavailable: {props.why}.</small>
      </Show>
    </label>
  );
}
