/* Bots: create one from a model or a strategy, activate it on paper (market replay) or on the connector, watch status, P/L and decisions. */
import { createSignal, For, Show } from "solid-js";
import { STRATEGIES } from "../../../../core/strategy/registry.ts";
import type { BotStatus } from "./bot-status.ts";
import {
  activateBot,
  activating,
  botError,
  bots,
  createBot,
  deactivateBot,
  decisions,
  deleteBot,
  statuses,
  stepBot,
} from "./bot-store.ts";
import { TargetPicker, useConnectorTarget } from "./bot-target.tsx";
import { models } from "./model-store.ts";
import type { BotRecord, BotRisk, BotTarget } from "./records.ts";
import { training } from "./train-store.ts";

const money = (x: number) =>
  Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: 2, minimumFractionDigits: 2 }) : "–";
const when = (t: number) =>
  Number.isFinite(t) ? new Date(t).toISOString().slice(0, 16).replace("T", " ") : "–";

function BotForm() {
  const [name, setName] = createSignal("My bot");
  const [source, setSource] = createSignal("");
  const [risk, setRisk] = createSignal<BotRisk>({
    riskPct: 1,
    stopPips: 20,
    takeProfitPips: 0,
    threshold: 0.5,
    allowShort: true,
  });
  const [speed, setSpeed] = createSignal(1000);
  const [target, setTarget] = createSignal<BotTarget>("paper-replay");
  const connector = useConnectorTarget();
  const [problem, setProblem] = createSignal("");
  const num = (label: string, key: keyof BotRisk, step = 0.1) => (
    <label>
      {label}
      <input
        type="number"
        step={step}
        value={risk()[key] as number}
        onInput={(e) => setRisk({ ...risk(), [key]: Number(e.currentTarget.value) })}
      />
    </label>
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const key = source() || (models()[0] ? `model:${models()[0].id}` : "");
    const model = key.startsWith("model:") ? models().find((m) => `model:${m.id}` === key) : undefined;
    const ds = model
      ? training.datasets().find((d) => d.id === model.datasetId)
      : training.datasets().find((d) => d.id === training.form().datasetId);
    if (!key) return setProblem("Choose a model or a strategy for the bot.");
    if (!ds) return setProblem("The bot needs a stored data set to replay; load one on the Data page.");
    if (!(risk().riskPct > 0 && risk().stopPips > 0))
      return setProblem("Risk % and stop (pips) must be above 0.");
    const linked = connector.linked();
    if (target() === "connector" && (connector.why() || !linked))
      return setProblem(`The connector is unavailable: ${connector.why()}.`);
    setProblem("");
    const replayFrom = ds.start + (ds.end - ds.start) * 0.8;
    await createBot({
      name: name().trim() || "Bot",
      source: model
        ? { kind: "model", modelId: model.id }
        : { kind: "strategy", strategyId: key.slice("strategy:".length) },
      datasetId: ds.id,
      symbol: ds.symbol,
      timeframe: ds.timeframe,
      risk: risk(),
      target: target(),
      ...(target() === "connector" && linked ? { connector: linked } : {}),
      speed: speed(),
      replayFrom,
      startBalance: 10_000,
    });
  };
  return (
    <form class="ml-form" onSubmit={(e) => void submit(e)} aria-label="New bot">
      <label>
        Bot name
        <input value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Runs
        <select aria-label="Runs" value={source()} onChange={(e) => setSource(e.currentTarget.value)}>
          <For each={models()}>
            {(m) => (
              <option value={`model:${m.id}`}>
                Model {m.name} v{m.version} ({m.meta.kind})
              </option>
            )}
          </For>
          <For each={STRATEGIES}>{(s) => <option value={`strategy:${s.id}`}>Strategy {s.name}</option>}</For>
        </select>
      </label>
      {num("Risk per trade (% of balance)", "riskPct")}
      {num("Stop-loss (pips)", "stopPips", 1)}
      {num("Take-profit (pips, 0 = none)", "takeProfitPips", 1)}
      {num("Signal threshold P(up)", "threshold", 0.01)}
      <label class="ml-check">
        <input
          type="checkbox"
          checked={risk().allowShort}
          onChange={(e) => setRisk({ ...risk(), allowShort: e.currentTarget.checked })}
        />
        Allow shorts
      </label>
      <TargetPicker value={target()} onChange={setTarget} linked={connector.linked()} why={connector.why()} />
      <Show when={target() === "paper-replay"}>
        <label>
          Replay speed (x)
          <input
            type="number"
            min={1}
            max={1000}
            value={speed()}
            onInput={(e) => setSpeed(Number(e.currentTarget.value))}
          />
        </label>
      </Show>
      <div class="ml-actions">
        <button type="submit">Create bot</button>
      </div>
      <Show when={problem()}>
        <p class="ml-error" role="alert">
          {problem()}
        </p>
      </Show>
    </form>
  );
}

function statusText(bot: BotRecord, s: BotStatus | undefined): string {
  if (bot.status !== "active") return "Inactive";
  if (bot.target === "paper-replay") return `Active on paper (replay)${s?.done ? " · replay finished" : ""}`;
  if (s?.paused) return `Paused on connector ${bot.connector?.name ?? ""}: ${s.paused}`;
  return `Active on connector ${bot.connector?.name ?? ""}`;
}

function BotCard(props: { bot: BotRecord }) {
  const s = () => statuses()[props.bot.id];
  const active = () => props.bot.status === "active";
  const onConnector = () => props.bot.target === "connector";
  return (
    <article class="ml-bot" data-testid="bot-card" data-status={props.bot.status}>
      <header>
        <h3>{props.bot.name}</h3>
        <span
          class={`ml-status ${props.bot.status}${s()?.paused && active() ? " paused" : ""}`}
          data-testid="bot-status"
          data-venue={props.bot.target}
        >
          {statusText(props.bot, s())}
        </span>
      </header>
      <p>
        {props.bot.source.kind === "model" ? "Model" : `Strategy ${props.bot.source.strategyId}`} ·{" "}
        {props.bot.symbol} {props.bot.timeframe} · risk {props.bot.risk.riskPct}% with a{" "}
        {props.bot.risk.stopPips}-pip stop · trades on{" "}
        {onConnector() ? `the connector ${props.bot.connector?.name ?? ""}` : "paper (market replay)"}
      </p>
      <Show when={s()}>
        {(st) => (
          <dl class="ml-figures">
            <div>
              <dt>{onConnector() ? "Last quote" : "Replay time"}</dt>
              <dd>{when(st().time)}</dd>
            </div>
            <Show when={onConnector()}>
              <div>
                <dt>Bars built</dt>
                <dd data-testid="bot-bars">{st().bars}</dd>
              </div>
            </Show>
            <div>
              <dt>Equity</dt>
              <dd data-testid="bot-equity">{money(st().equity)}</dd>
            </div>
            <div>
              <dt>P/L</dt>
              <dd data-testid="bot-pl" data-value={st().pl}>
                {money(st().pl)}
              </dd>
            </div>
            <div>
              <dt>Position</dt>
              <dd data-testid="bot-position">{st().side > 0 ? "long" : st().side < 0 ? "short" : "flat"}</dd>
            </div>
          </dl>
        )}
      </Show>
      <div class="ml-actions">
        <Show
          when={active()}
          fallback={
            <button
              type="button"
              disabled={activating()[props.bot.id] === true}
              onClick={() => void activateBot(props.bot.id)}
            >
              {activating()[props.bot.id] ? "Activating…" : "Activate"}
            </button>
          }
        >
          <Show when={!onConnector()}>
            <button type="button" onClick={() => void stepBot(props.bot.id)}>
              Step bar
            </button>
          </Show>
          <button type="button" onClick={() => void deactivateBot(props.bot.id)}>
            Deactivate
          </button>
        </Show>
        <button type="button" onClick={() => void deleteBot(props.bot.id)}>
          Delete
        </button>
      </div>
      <table class="ml-table" data-testid="bot-decisions">
        <caption>Recent decisions</caption>
        <thead>
          <tr>
            <th>Bar</th>
            <th>Close</th>
            <th>P(up)</th>
            <th>Action</th>
            <th>Units</th>
            <th>Features</th>
            <th>Broker answer</th>
          </tr>
        </thead>
        <tbody>
          <For each={decisions()[props.bot.id] ?? []}>
            {(d) => (
              <tr data-testid="bot-decision" data-action={d.action}>
                <td>{when(d.time)}</td>
                <td>{d.price.toFixed(5)}</td>
                <td>{Number.isFinite(d.probability) ? d.probability.toFixed(3) : "–"}</td>
                <td>
                  {d.action}
                  {d.note ? ` (${d.note})` : ""}
                </td>
                <td>{d.units.toLocaleString("en")}</td>
                <td class="ml-features-cell">
                  {Object.entries(d.features)
                    .slice(0, 6)
                    .map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toPrecision(3) : "–"}`)
                    .join(", ")}
                  {Object.keys(d.features).length > 6 ? ", …" : ""}
                </td>
                <td data-testid="bot-outcome">{d.outcome ?? ""}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </article>
  );
}

export function BotsView() {
  return (
    <section class="ml-bots" aria-label="Bots">
      <BotForm />
      <Show when={botError()}>
        <p class="ml-error" role="alert">
          {botError()}
        </p>
      </Show>
      <For each={bots()} fallback={<p>No bots yet.</p>}>
        {(b) => <BotCard bot={b} />}
      </For>
    </section>
  );
}
