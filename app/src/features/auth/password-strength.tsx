/**
 * Live password strength under a new-password field (checklist 37): the same zxcvbn-ts
 * scoring the server applies (core/password/strength.ts), with the dictionaries loaded in
 * their own chunks on the first keystroke, so they never weigh on the app's first load.
 * The server still has the final word; this only tells the trader early, in plain words.
 */
import { type Accessor, createEffect, createMemo, createSignal, Show } from "solid-js";
import { STRENGTH_LABELS, type StrengthChecker } from "../../../../core/password/strength.ts";
import { type Action, fieldMessage } from "./form-state.tsx";

let loading: Promise<StrengthChecker> | undefined;

/** Loads the scorer once (three lazy chunks: the scorer and two dictionaries). */
export function loadStrengthChecker(): Promise<StrengthChecker> {
  loading ??= Promise.all([
    import("../../../../core/password/strength.ts"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(([m, common, en]) =>
    m.createStrengthChecker({ common, en } as Parameters<typeof m.createStrengthChecker>[0]),
  );
  return loading;
}

const MIN_LENGTH = 8;

export function PasswordStrength(props: {
  password: Accessor<string>;
  userInputs?: Accessor<string[]>;
  /** With the field's name: while the server's message for it shows, the tip is not repeated. */
  action?: Action;
  name?: string;
}) {
  const serverSaysIt = () =>
    fieldMessage(props.action?.error() ?? null, props.name ?? "password") !== undefined;
  const [checker, setChecker] = createSignal<StrengthChecker>();
  createEffect(() => {
    if (props.password() !== "" && !checker()) void loadStrengthChecker().then((c) => setChecker(() => c));
  });
  const verdict = createMemo(() => {
    const password = props.password();
    if (password === "") return undefined;
    if ([...password].length < MIN_LENGTH)
      return { score: 0, label: "too short", problem: `Use at least ${MIN_LENGTH} characters.` };
    const check = checker();
    if (!check) return undefined;
    const s = check(password, props.userInputs?.() ?? []);
    return { score: s.score, label: STRENGTH_LABELS[s.score], problem: s.problem };
  });
  return (
    <Show when={verdict()}>
      {(v) => (
        <span
          class="password-strength"
          data-testid="password-strength"
          data-score={v().score}
          aria-live="polite"
        >
          <meter min={0} max={4} low={2} high={3} optimum={4} value={v().score} aria-label="Strength" />{" "}
          <span>Strength: {v().label}.</span>
          <Show when={!serverSaysIt() && v().problem}>{(p) => <span class="muted"> {p()}</span>}</Show>
        </span>
      )}
    </Show>
  );
}
