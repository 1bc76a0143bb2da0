/* Connector page: link the desktop connector, manage linked connectors, see presence and trade the connector account. */
import { createResource, onCleanup } from "solid-js";
import { call } from "../adapters/api-client.ts";
import { SignedInOnly } from "../features/auth/signed-in-only.tsx";
import { ConnectorsPanel } from "../features/connector/connectors-panel.tsx";
import { LivePanel } from "../features/connector/live-panel.tsx";
import { useLive } from "../features/connector/live-store.ts";
import { LiveTradingPanel } from "../features/connector/live-trading-panel.tsx";
import { PairingPanel } from "../features/connector/pairing-panel.tsx";
import { WebhooksPanel } from "../features/connector/webhooks-panel.tsx";

function ConnectorContent() {
  onCleanup(useLive());
  const [list, { refetch }] = createResource(() => call("get", "/connector/connectors"));
  return (
    <div style={{ display: "grid", gap: "1rem", "max-width": "960px" }}>
      <PairingPanel onLinked={() => void refetch()} />
      <ConnectorsPanel connectors={() => list()?.connectors} refetch={() => void refetch()} />
      <LivePanel />
      <LiveTradingPanel />
      <WebhooksPanel />
    </div>
  );
}

export function ConnectorPage() {
  return (
    <section class="page">
      <h1>Connector</h1>
      <SignedInOnly what="Linking a connector and trading through your broker">
        <ConnectorContent />
      </SignedInOnly>
    </section>
  );
}
