/**
 * Sign-in in two steps: email + password, then — only when the server answers with a
 * challenge — the authenticator code (or a recovery code). The challenge is kept in
 * memory for this page only; it is short-lived and single use on the server.
 */
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { api } from "../../adapters/api-client.ts";
import { EmailField, FormFooter, PasswordField, submitWith, TextField } from "./form-parts.tsx";
import { createAction } from "./form-state.tsx";

export function LoginForm(props: { onSignedIn: () => void }) {
  const [challenge, setChallenge] = createSignal<string | null>(null);
  return (
    <Show
      when={challenge()}
      fallback={<PasswordStep onSignedIn={props.onSignedIn} onChallenge={(c) => setChallenge(c)} />}
    >
      {(c) => (
        <TwoFactorStep challenge={c()} onSignedIn={props.onSignedIn} onRestart={() => setChallenge(null)} />
      )}
    </Show>
  );
}

function PasswordStep(props: { onSignedIn: () => void; onChallenge: (challenge: string) => void }) {
  const action = createAction();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const submit = submitWith(action, async () => {
    const result = await api.login({ email: email().trim(), password: password() });
    if (result.kind === "two-factor") props.onChallenge(result.challenge);
    else props.onSignedIn();
  });
  return (
    <form class="form" onSubmit={submit} aria-label="Sign in">
      <EmailField autocomplete="username" value={email} onValue={setEmail} action={action} />
      <PasswordField label="Password" value={password} onValue={setPassword} action={action} />
      <FormFooter action={action} submit="Sign in" busyLabel="Signing in…">
        <A href="/forgot-password">Forgot your password?</A>
      </FormFooter>
      <p class="muted">
        No account yet? <A href="/register">Create one</A>
      </p>
    </form>
  );
}

function TwoFactorStep(props: { challenge: string; onSignedIn: () => void; onRestart: () => void }) {
  const action = createAction();
  const [code, setCode] = createSignal("");
  const submit = submitWith(action, async () => {
    await api.loginTwoFactor({ challenge: props.challenge, code: code().trim() });
    props.onSignedIn();
  });
  const expired = () => {
    const c = action.error()?.code ?? "";
    return /challenge|expired/.test(c);
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Two-factor authentication">
      <h2>Two-factor authentication</h2>
      <p class="muted">
        Enter the 6-digit code from your authenticator app, or one of your recovery codes (like
        ABCD-EFGH-JKMN).
      </p>
      <TextField
        label="Authentication code"
        name="code"
        autocomplete="one-time-code"
        inputmode="text"
        required
        maxlength={32}
        value={code}
        onValue={setCode}
        action={action}
      />
      <FormFooter action={action} submit="Verify" busyLabel="Checking…">
        <button type="button" class="ghost" onClick={props.onRestart}>
          {expired() ? "Sign in again" : "Back"}
        </button>
      </FormFooter>
    </form>
  );
}
