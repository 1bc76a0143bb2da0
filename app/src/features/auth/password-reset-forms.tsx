/**
 * Forgotten password: ask for a link (the answer is the same whether or not the email
 * has an account), then set a new password from the emailed link. Accounts with 2FA
 * must also give an authenticator or recovery code.
 */
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { api } from "../../adapters/api-client.ts";
import { EmailField, FormFooter, PasswordField, submitWith, TextField } from "./form-parts.tsx";
import { createAction } from "./form-state.tsx";
import { PasswordStrength } from "./password-strength.tsx";

export function ForgotPasswordForm() {
  const action = createAction();
  const [email, setEmail] = createSignal("");
  const [sent, setSent] = createSignal(false);
  const submit = submitWith(action, async () => {
    await api.forgotPassword(email().trim());
    setSent(true);
  });
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
        <EmailField autocomplete="email" value={email} onValue={setEmail} action={action} />
        <FormFooter action={action} submit="Send reset link" busyLabel="Sending…">
          <A href="/login">Back to sign in</A>
        </FormFooter>
      </form>
    </Show>
  );
}

export function ResetPasswordForm(props: { token: string; onDone: () => void }) {
  const action = createAction();
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const needsCode = () => /two_factor|totp|code/.test(action.error()?.code ?? "");
  const submit = submitWith(action, async () => {
    const c = code().trim();
    await api.resetPassword({ token: props.token, password: password(), ...(c ? { code: c } : {}) });
    props.onDone();
  });
  return (
    <form class="form" onSubmit={submit} aria-label="Reset password">
      <PasswordField label="New password" isNew value={password} onValue={setPassword} action={action}>
        <PasswordStrength password={password} action={action} />
      </PasswordField>
      <TextField
        label={`Authentication code ${needsCode() ? "(required for this account)" : "(only if two-factor is on)"}`}
        name="code"
        autocomplete="one-time-code"
        maxlength={32}
        required={needsCode()}
        value={code}
        onValue={setCode}
        action={action}
      />
      <FormFooter action={action} submit="Set new password" busyLabel="Saving…">
        <A href="/forgot-password">Request a new link</A>
      </FormFooter>
    </form>
  );
}
