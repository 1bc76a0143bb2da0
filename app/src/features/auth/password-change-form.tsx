/* Password change on the Security page: current password, new password, confirmation. */
import { createSignal } from "solid-js";
import { acceptTokens, api, type Tokens } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { createAction, FieldError, FormError } from "./form-state.tsx";

export function PasswordChangeForm() {
  const action = createAction();
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [confirm, setConfirm] = createSignal("");
  const mismatch = () => confirm() !== "" && confirm() !== next();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (mismatch()) return;
    void action.run(async () => {
      const res = await api.changePassword({ currentPassword: current(), newPassword: next() });
      // The server may re-issue tokens (older ones stop working after a password change).
      if (res && typeof res === "object" && "accessToken" in res && res.user) acceptTokens(res as Tokens);
      setCurrent("");
      setNext("");
      setConfirm("");
      toast("Password changed. Other devices have to sign in again.", "success");
    });
  };
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form class="form" onSubmit={submit} aria-label="Change password">
        <label>
          Current password
          <input
            type="password"
            name="currentPassword"
            autocomplete="current-password"
            required
            value={current()}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
          <FieldError action={action} path="currentPassword" />
        </label>
        <label>
          New password
          <input
            type="password"
            name="newPassword"
            autocomplete="new-password"
            required
            minlength={8}
            maxlength={128}
            value={next()}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
          <FieldError action={action} path="newPassword" />
        </label>
        <label>
          Repeat new password
          <input
            type="password"
            name="confirmPassword"
            autocomplete="new-password"
            required
            value={confirm()}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
          {mismatch() ? <span class="error-text">The two new passwords differ.</span> : null}
        </label>
        <FormError action={action} />
        <div class="row">
          <button type="submit" disabled={action.busy() || mismatch()}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
