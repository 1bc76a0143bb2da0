/**
 * The settings page itself: static HTML, CSS and a small script (no inline code, so the
 * strict CSP holds). The token reaches the script through the page's own URL and goes back
 * in the X-Settings-Token header; it is never stored.
 */

/** The HTML page; the token is only placed in the script and stylesheet URLs. */
export function settingsHtml(token: string): string {
  const t = encodeURIComponent(token);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Forex AI connector settings</title>
<link rel="stylesheet" href="/app.css?token=${t}">
<script src="/app.js?token=${t}" defer></script>
</head>
<body>
<main>
<h1>Forex AI connector</h1>
<p id="linked">Loading…</p>
<form id="form">
<fieldset>
<legend>Broker</legend>
<label for="kind">Broker</label>
<select id="kind" name="kind">
<option value="paper">Paper (simulated, no money)</option>
<option value="oanda">OANDA (v20)</option>
<option value="mt5">MetaTrader 5 (Expert Advisor)</option>
</select>
<div data-kind="paper">
<label for="paper-source">Quotes</label>
<select id="paper-source"><option value="random-walk">Random walk</option><option value="replay">Replay a bar file</option></select>
<label for="paper-replayFile">Replay file</label>
<input id="paper-replayFile" placeholder="/path/to/EURUSD_M1.csv">
<label for="paper-symbols">Symbols</label>
<input id="paper-symbols" placeholder="EURUSD,GBPUSD">
<label for="paper-balance">Starting balance</label>
<input id="paper-balance" type="number" min="1">
</div>
<div data-kind="oanda">
<label for="oanda-environment">Environment</label>
<select id="oanda-environment"><option value="practice">Practice</option><option value="live">Live (real money)</option></select>
<label for="oanda-accountId">Account id</label>
<input id="oanda-accountId" placeholder="101-004-1234567-001">
<label for="oanda-apiToken">API token</label>
<input id="oanda-apiToken" type="password" autocomplete="off" placeholder="leave empty to keep the saved token">
<label for="oanda-symbols">Symbols</label>
<input id="oanda-symbols" placeholder="EURUSD">
</div>
<div data-kind="mt5">
<label for="mt5-port">Port the EA connects to</label>
<input id="mt5-port" type="number" min="1024" max="65535">
<label for="mt5-key">Key (optional, EA input InpKey)</label>
<input id="mt5-key" type="password" autocomplete="off" placeholder="leave empty to keep the saved key">
<label for="mt5-symbols">Symbols</label>
<input id="mt5-symbols" placeholder="EURUSD">
</div>
</fieldset>
<fieldset>
<legend>Bot (keeps trading with the browser closed)</legend>
<label for="bot-enabled"><input id="bot-enabled" type="checkbox"> Run a bot</label>
<label for="bot-strategy">Strategy</label>
<select id="bot-strategy"></select>
<label for="bot-symbol">Symbol</label>
<input id="bot-symbol" placeholder="EURUSD">
<label for="bot-barSeconds">Bar length (seconds)</label>
<input id="bot-barSeconds" type="number" min="1">
<label for="bot-units">Units per trade</label>
<input id="bot-units" type="number" min="1">
</fieldset>
<button type="submit">Save and restart</button>
<p id="message" role="status"></p>
</form>
</main>
</body>
</html>
`;
}

export const SETTINGS_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1b1f24; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
fieldset { border: 1px solid #cfd6de; border-radius: 8px; margin: 0 0 1rem; padding: 1rem; background: #fff; }
label { display: block; margin: 0.6rem 0 0.2rem; }
input, select { display: block; width: 100%; box-sizing: border-box; padding: 0.4rem; margin-top: 0.2rem; }
input[type=checkbox] { display: inline; width: auto; }
button { padding: 0.6rem 1.2rem; font-size: 1rem; }
#message { white-space: pre-wrap; }
.error { color: #a4001d; }
`;

export const SETTINGS_JS = `
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const list = (text) => text.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
async function api(method, body) {
  const res = await fetch("/api/settings?token=" + encodeURIComponent(token), {
    method, headers: { "X-Settings-Token": token, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || ("HTTP " + res.status));
  return json;
}
function showKind() {
  for (const el of document.querySelectorAll("[data-kind]")) el.hidden = el.dataset.kind !== $("kind").value;
}
function fill(s) {
  $("linked").textContent = "Linked as \\u201c" + s.name + "\\u201d to " + s.server;
  const b = s.broker;
  $("kind").value = b.kind;
  if (b.kind === "paper") { $("paper-source").value = b.source; $("paper-replayFile").value = b.replayFile || ""; $("paper-symbols").value = b.symbols.join(","); $("paper-balance").value = b.balance; }
  if (b.kind === "oanda") { $("oanda-environment").value = b.environment; $("oanda-accountId").value = b.accountId; $("oanda-symbols").value = b.symbols.join(","); }
  if (b.kind === "mt5") { $("mt5-port").value = b.port; $("mt5-symbols").value = b.symbols.join(","); }
  $("oanda-apiToken").placeholder = s.secrets.oandaApiToken ? "saved (leave empty to keep it)" : "personal access token";
  $("bot-strategy").replaceChildren(...s.strategies.map((st) => new Option(st.name, st.id)));
  if (s.bot) { $("bot-enabled").checked = s.bot.enabled; $("bot-strategy").value = s.bot.strategy; $("bot-symbol").value = s.bot.symbol; $("bot-barSeconds").value = s.bot.barSeconds; $("bot-units").value = s.bot.units; }
  showKind();
}
function collect() {
  const kind = $("kind").value;
  let broker;
  if (kind === "paper") broker = { kind, source: $("paper-source").value, symbols: list($("paper-symbols").value || "EURUSD"), balance: Number($("paper-balance").value || 100000) };
  if (kind === "paper" && $("paper-replayFile").value) broker.replayFile = $("paper-replayFile").value;
  if (kind === "oanda") broker = { kind, environment: $("oanda-environment").value, accountId: $("oanda-accountId").value.trim(), apiToken: $("oanda-apiToken").value, symbols: list($("oanda-symbols").value || "EURUSD") };
  if (kind === "mt5") broker = { kind, port: Number($("mt5-port").value || 5870), key: $("mt5-key").value, symbols: list($("mt5-symbols").value || "EURUSD") };
  const bot = $("bot-symbol").value ? { enabled: $("bot-enabled").checked, strategy: $("bot-strategy").value, symbol: $("bot-symbol").value.trim().toUpperCase(), barSeconds: Number($("bot-barSeconds").value || 60), units: Number($("bot-units").value || 1000), params: {} } : null;
  return { broker, bot };
}
document.addEventListener("DOMContentLoaded", () => {
  $("kind").addEventListener("change", showKind);
  api("GET").then(fill).catch((e) => { $("message").textContent = e.message; $("message").className = "error"; });
  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    $("message").textContent = "Saving…"; $("message").className = "";
    api("POST", collect()).then((r) => { fill(r.settings); $("oanda-apiToken").value = ""; $("mt5-key").value = ""; $("message").textContent = "Saved. The connector restarts with the new settings."; })
      .catch((e) => { $("message").textContent = e.message; $("message").className = "error"; });
  });
});
`;
