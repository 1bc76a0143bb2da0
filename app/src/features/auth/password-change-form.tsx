/*
 * Password change on the Security page: current password, new password (scored live),
 * confirmation, and the authenticator or recovery code when two-factor is on (the server
 * asks for it then; issue 13 item 2).
 */
import { createSignal, Show } from "solid-js";
import { acceptTokens, api, type Tokens } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { FormFooter, PasswordField, submitWith, TextField } from "./form-parts.tsx";
import { createAction } from "./form-state.tsx";
import { PasswordStrength } from "./password-strength.tsx";
import { currentUser } from "./session.ts";

export function PasswordChangeForm() {
  const action = createAction();
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [confirm, setConfirm] = createSignal("");
  const [code, setCode] = createSignal("");
  const twoFactor = () => currentUser()?.twoFactorEnabled === true;
  const mismatch = () => confirm() !== "" && confirm() !== next();
  const submit = submitWith(
    action,
    async () => {
      const c = code().trim();
      const res = await api.changePassword({
        currentPassword: current(),
        newPassword: next(),
        ...(twoFactor() && c ? { code: c } : {}),
      });
      // The server may re-issue tokens (older ones stop working after a password change).
      if (res && typeof res === "object" && "accessToken" in res && res.user) acceptTokens(res as Tokens);
      setCurrent("");
      setNext("");
      setConfirm("");
      setCode("");
      toast("Password changed. Other devices have to sign in again.", "success");
    },
    mismatch,
  );
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form class="form" onSubmit={submit} aria-label="Change password">
        <PasswordField
          label="Current password"
          name="currentPassword"
          value={current}
          onValue={setCurrent}
          action={action}
        />
        <PasswordField
          label="New password"
          name="newPassword"
          isNew
          value={next}
          onValue={setNext}
          action={action}
        >
          <PasswordStrength
            password={next}
            userInputs={() => [currentUser()?.email ?? ""]}
            action={action}
            name="newPassword"
          />
        </PasswordField>
        <TextField
          label="Repeat new password"
          type="password"
          name="confirmPassword"
          autocomplete="new-password"
          required
          value={confirm}
          onValue={setConfirm}
        >
          {mismatch() ? <span class="error-text">The two new passwords differ.</span> : null}
        </TextField>
        <Show when={twoFactor()}>
          <TextField
            label="Authentication code (two-factor is on)"
            name="code"
            autocomplete="one-time-code"
            inputmode="text"
            maxlength={32}
            required
            value={code}
            onValue={setCode}
            action={action}
          >
            <span class="muted">The 6-digit code from your authenticator app, or a recovery code.</span>
          </TextField>
        </Show>
        <FormFooter action={action} submit="Change password" disabled={mismatch()} />
      </form>
    </section>
  );
}
