/* Account creation: email, password (8+ characters, not a common one), optional name. */
import { A } from "@solidjs/router";
import { createSignal } from "solid-js";
import { api } from "../../adapters/api-client.ts";
import { createAction, FieldError, FormError } from "./form-state.tsx";

export function RegisterForm(props: { onRegistered: () => void }) {
  const action = createAction();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const name = displayName().trim();
      await api.register({
        email: email().trim(),
        password: password(),
        ...(name ? { displayName: name } : {}),
      });
      props.onRegistered();
    });
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Create account">
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
      <label>
        Password
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
        <span class="muted">At least 8 characters; a passphrase of a few words works well.</span>
        <FieldError action={action} path="password" />
      </label>
      <label>
        Display name (optional)
        <input
          name="displayName"
          autocomplete="nickname"
          maxlength={64}
          value={displayName()}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
        <FieldError action={action} path="displayName" />
      </label>
      <FormError action={action} />
      <div class="row">
        <button type="submit" disabled={action.busy()}>
          {action.busy() ? "Creating…" : "Create account"}
        </button>
        <A href="/login">I already have an account</A>
      </div>
    </form>
  );
}
