/*
 * The user-strategy editor: a code area with line numbers, saved strategies in IndexedDB,
 * Check (syntax, with line and column), Check look-ahead (core/strategy/lookahead-check.ts
 * on the current data set) and Run on the current data set in the worker; runtime errors
 * point at the line of the user's code.
 */
import { A, useBeforeLeave } from "@solidjs/router";
import { createSignal, For, Index, onCleanup, onMount, Show } from "solid-js";
import type { ParamSpec } from "../../../../core/strategy/types.ts";
import { ConfirmDelete } from "../../ui/confirm-delete.tsx";
import { checkLookaheadOnce, inspectUserStrategy } from "../../workers/backtest-client.ts";
import { cancelBacktest, describeError, runBacktest, runnerState } from "./backtest-runner.ts";
import { LookaheadBanner } from "./lookahead-banner.tsx";
import { lookaheadOf, rememberLookahead } from "./lookahead-store.ts";
import { deleteUserStrategy, newId, refreshUserStrategies, runState, saveUserStrategy } from "./run-store.ts";
import { engineSettings, loadSelection, selectStrategy, setup } from "./setup-store.ts";
import { type CodeError, EXAMPLE_STRATEGY } from "./user-strategy.ts";

const [editingId, setEditingId] = createSignal<string>("");
const [name, setName] = createSignal("My strategy");
const [code, setCode] = createSignal(EXAMPLE_STRATEGY);
/** name and code as last opened or saved: anything else is unsaved work */
const [clean, setClean] = createSignal({ name: "My strategy", code: EXAMPLE_STRATEGY });

/** True when the editor holds changes that are not saved. */
export function editorDirty(): boolean {
  return code() !== clean().code || name() !== clean().name;
}

const LEAVE_QUESTION = "Your strategy has unsaved changes. Leave without saving them?";

/** The problem with a name, or "": empty, or taken by another saved strategy. */
export function nameProblem(
  wanted: string,
  id: string,
  saved: ReadonlyArray<{ id: string; name: string }>,
): string {
  const n = wanted.trim();
  if (!n) return "Give the strategy a name.";
  const taken = saved.find((s) => s.id !== id && s.name.trim().toLowerCase() === n.toLowerCase());
  return taken
    ? `A strategy named "${taken.name}" already exists. Pick another name, or open "${taken.name}" from Saved strategies to change it.`
    : "";
}

function CodeArea(props: { value: string; onInput: (v: string) => void; errorLine?: number }) {
  let gutter!: HTMLDivElement;
  const lines = () => props.value.split("\n").length;
  return (
    <div class="code-editor">
      <div class="code-gutter" ref={gutter} aria-hidden="true">
        <Index each={Array.from({ length: lines() })}>
          {(_, i) => <div class={props.errorLine === i + 1 ? "error-line" : ""}>{i + 1}</div>}
        </Index>
      </div>
      <textarea
        aria-label="Strategy code"
        data-testid="strategy-code"
        spellcheck={false}
        wrap="off"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onScroll={(e) => {
          gutter.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          if (e.key !== "Tab") return;
          e.preventDefault();
          const t = e.currentTarget;
          t.setRangeText("  ", t.selectionStart, t.selectionEnd, "end");
          props.onInput(t.value);
        }}
      />
    </div>
  );
}

export function StrategyEditor() {
  const [problem, setProblem] = createSignal<CodeError>();
  const [note, setNote] = createSignal("");
  const [checking, setChecking] = createSignal(false);
  const [checkingAhead, setCheckingAhead] = createSignal(false);
  onMount(() => void refreshUserStrategies());
  // unsaved code: ask before the app navigates away and before the tab is closed or reloaded
  useBeforeLeave((e) => {
    if (!e.defaultPrevented && editorDirty() && !window.confirm(LEAVE_QUESTION)) e.preventDefault();
  });
  const onUnload = (e: BeforeUnloadEvent) => {
    if (!editorDirty()) return;
    e.preventDefault();
    e.returnValue = "";
  };
  window.addEventListener("beforeunload", onUnload);
  onCleanup(() => window.removeEventListener("beforeunload", onUnload));
  const open = (id: string) => {
    if (editorDirty() && !window.confirm(LEAVE_QUESTION)) return false;
    const rec = runState.userStrategies().find((s) => s.id === id);
    setEditingId(rec?.id ?? "");
    setName(rec?.name ?? "My strategy");
    setCode(rec?.code ?? EXAMPLE_STRATEGY);
    setClean({ name: name(), code: code() });
    setProblem(undefined);
    setNote("");
    return true;
  };
  /** Compiles the code in a worker; the declared parameters, or undefined after showing the error. */
  const check = async (): Promise<ParamSpec[] | undefined> => {
    setNote("");
    setChecking(true);
    const r = await inspectUserStrategy(code()).finally(() => setChecking(false));
    if (!r.ok) {
      setProblem(r.error);
      return undefined;
    }
    setProblem(undefined);
    setNote(`No errors. Parameters: ${r.value.map((p) => `${p.name}=${p.default}`).join(", ") || "none"}.`);
    return r.value;
  };
  /** Runs the look-ahead check on the data set chosen in the Backtest tab, with the code's defaults. */
  const checkAhead = async () => {
    const params = await check();
    if (!params) return;
    setCheckingAhead(true);
    setNote("Checking for look-ahead: running on the data cut at several bars…");
    try {
      const data = await loadSelection();
      const source = code();
      const r = await checkLookaheadOnce(
        data.bars,
        {
          strategy: { kind: "user", code: source, name: name() },
          settings: engineSettings(data),
          sizing: setup.account().sizing,
        },
        Object.fromEntries(params.map((p) => [p.name, p.default])),
      );
      if (!r.ok) return void setProblem(r.error);
      if (!r.value) return;
      rememberLookahead(source, r.value);
      setNote(
        r.value.flagged
          ? ""
          : `No look-ahead found: signals and indicators stayed the same with the data cut after bars ${r.value.cuts.join(", ")}.`,
      );
    } catch (e) {
      setProblem({ code: "failed", message: (e as Error)?.message ?? String(e) });
    } finally {
      setCheckingAhead(false);
    }
  };
  /** Saves; the id, or undefined after showing why it could not (a taken name). */
  const save = async (known?: ParamSpec[]): Promise<string | undefined> => {
    const now = Date.now();
    const taken = nameProblem(name(), editingId(), runState.userStrategies());
    if (taken) {
      setProblem({ code: "duplicate-name", message: taken });
      return undefined;
    }
    const id = editingId() || newId();
    const existing = runState.userStrategies().find((s) => s.id === id);
    const params = known ?? (await inspectUserStrategy(code()).then((r) => (r.ok ? r.value : [])));
    await saveUserStrategy({
      id,
      name: name().trim(),
      code: code(),
      params,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    setEditingId(id);
    setName(name().trim());
    setClean({ name: name(), code: code() });
    return id;
  };
  const run = async () => {
    const params = await check();
    if (!params) return;
    const id = await save(params);
    if (!id) return;
    selectStrategy(`user:${id}`);
    await runBacktest();
    const shown = runnerState.shown();
    if (!runnerState.error() && shown?.run.strategy.id === id)
      setNote(
        `Ran: ${shown.run.stats.trades} trades, return ${shown.run.stats.returnPct.toFixed(2)}%. See the Backtest tab for the results.`,
      );
  };
  const shownError = () =>
    problem() ?? (setup.strategyKey() === `user:${editingId()}` ? runnerState.error() : undefined);
  return (
    <section class="card">
      <h2>Strategy editor</h2>
      <p class="muted">
        A strategy is a JavaScript module exporting <code>init(ctx)</code> and <code>next(ctx, i)</code>, and
        optionally <code>params</code> with numeric defaults. It runs in the backtest worker on the data set
        chosen in the <A href="/backtest">Backtest</A> tab.
      </p>
      <div class="row">
        <label>
          Saved strategies
          <select
            value={editingId()}
            onChange={(e) => {
              if (!open(e.currentTarget.value)) e.currentTarget.value = editingId();
            }}
          >
            <option value="">New strategy</option>
            <For each={runState.userStrategies()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
        <label>
          Name
          <input value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
      </div>
      <CodeArea value={code()} onInput={setCode} errorLine={shownError()?.line} />
      <div class="row">
        <button type="button" class="ghost" disabled={checking()} onClick={() => void check()}>
          Check
        </button>
        <button type="button" class="ghost" disabled={checkingAhead()} onClick={() => void checkAhead()}>
          Check look-ahead
        </button>
        <button
          type="button"
          class="ghost"
          onClick={async () => {
            if (!(await save())) return;
            setProblem(undefined);
            setNote("Saved.");
          }}
        >
          Save
        </button>
        <button type="button" disabled={runnerState.running()} onClick={() => void run()}>
          Save and run
        </button>
        <Show when={runnerState.running()}>
          <progress max="1" value={runnerState.progress()} />
          <button type="button" class="ghost" onClick={cancelBacktest}>
            Cancel
          </button>
        </Show>
        <Show when={editingId()}>
          <ConfirmDelete
            what={name()}
            onDelete={async () => {
              await deleteUserStrategy(editingId());
              setClean({ name: name(), code: code() });
              open("");
            }}
          />
        </Show>
      </div>
      <Show when={shownError()}>
        {(e) => (
          <p class="error-text" role="alert" data-testid="strategy-error">
            {describeError(e())}
          </p>
        )}
      </Show>
      <Show when={!shownError()}>
        <LookaheadBanner report={lookaheadOf(code())} />
      </Show>
      <Show when={!shownError() && note()}>
        <p class="muted" data-testid="strategy-note">
          {note()}
        </p>
      </Show>
    </section>
  );
}
