/**
 * Forgotten password: ask for a link (the answer is the same whether or not the email
 * has an account), then set a new password from the emailed link. Accounts with 2FA
 * must also give an authenticator or recovery code.
 */
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { api } from "../../adapters/api-client.ts";
import { createAction, FieldError, FormError } from "./form-state.tsx";

export function ForgotPasswordForm() {
  const action = createAction();
  const [email, setEmail] = createSignal("");
  const [sent, setSent] = createSignal(false);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api.forgotPassword(email().trim());
      setSent(true);
    });
  };
  return (
    <Show
      when={!sent()}
      fallback={
        <p data-testid="forgot-sent">
          If an account exists for {email()}, we have sent it a link to choose a new password. The link works
          once, within an hour.
        </p>
      }
    >
      <form class="form" onSubmit={submit} aria-label="Forgot password">
        <label>
          Email
          <input
            type="email"
            name="email"
            autocomplete="email"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <FieldError action={action} path="email" />
        </label>
        <FormError action={action} />
        <div class="row">
          <button type="submit" disabled={action.busy()}>
            {action.busy() ? "Sending…" : "Send reset link"}
          </button>
          <A href="/login">Back to sign in</A>
        </div>
      </form>
    </Show>
  );
}

export function ResetPasswordForm(props: { token: string; onDone: () => void }) {
  const action = createAction();
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const needsCode = () => /two_factor|totp|code/.test(action.error()?.code ?? "");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const c = code().trim();
      await api.resetPassword({ token: props.token, password: password(), ...(c ? { code: c } : {}) });
      props.onDone();
    });
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Reset password">
      <label>
        New password
        <input
          type="password"
          name="password"
          autocomplete="new-password"
          required
          minlength={8}
          maxlength={128}
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <FieldError action={action} path="password" />
      </label>
      <label>
        Authentication code {needsCode() ? "(required for this account)" : "(only if two-factor is on)"}
        <input
          name="code"
          autocomplete="one-time-code"
          maxlength={32}
          required={needsCode()}
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <FieldError action={action} path="code" />
      </label>
      <FormError action={action} />
      <div class="row">
        <button type="submit" disabled={action.busy()}>
          {action.busy() ? "Saving…" : "Set new password"}
        </button>
        <A href="/forgot-password">Request a new link</A>
      </div>
    </form>
  );
}
