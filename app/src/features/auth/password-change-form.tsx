/* Password change on the Security page: current password, new password, confirmation. */
import { createSignal } from "solid-js";
import { acceptTokens, api, type Tokens } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { FormFooter, PasswordField, submitWith, TextField } from "./form-parts.tsx";
import { createAction } from "./form-state.tsx";

export function PasswordChangeForm() {
  const action = createAction();
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [confirm, setConfirm] = createSignal("");
  const mismatch = () => confirm() !== "" && confirm() !== next();
  const submit = submitWith(
    action,
    async () => {
      const res = await api.changePassword({ currentPassword: current(), newPassword: next() });
      // The server may re-issue tokens (older ones stop working after a password change).
      if (res && typeof res === "object" && "accessToken" in res && res.user) acceptTokens(res as Tokens);
      setCurrent("");
      setNext("");
      setConfirm("");
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
        />
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
        <FormFooter action={action} submit="Change password" disabled={mismatch()} />
      </form>
    </section>
  );
}
