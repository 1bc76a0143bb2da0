/*
 * The "Trade on" choice of the bot form: paper with market replay, or the linked connector,
 * which is offered only while a connector is linked and online (the reason is shown when not).
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
  const [linked, setLinked] = createSignal<LinkedConnector | null>(null);
  const [checked, setChecked] = createSignal(false);
  // Signed in (now or once the session is restored): hold the relay socket and look up the connector.
  createEffect(() => {
    if (!currentUser()) return;
    onCleanup(useLive());
    void call("get", "/connector/connectors", { quietRateLimit: true })
      .then(({ connectors }) =>
        setLinked(connectors[0] ? { id: connectors[0].id, name: connectors[0].name } : null),
      )
      .catch(() => setLinked(null))
      .finally(() => setChecked(true));
  });
  const why = () => {
    if (!currentUser()) return "sign in and link a connector on the Connector page first";
    if (!checked()) return "checking for a linked connector…";
    const c = linked();
    if (!c) return "link a connector on the Connector page first";
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
