/* Account creation: email, password (8+ characters, not a common one), optional name. */
import { A } from "@solidjs/router";
import { createSignal } from "solid-js";
import { api } from "../../adapters/api-client.ts";
import { EmailField, FormFooter, PasswordField, submitWith, TextField } from "./form-parts.tsx";
import { createAction } from "./form-state.tsx";
import { PasswordStrength } from "./password-strength.tsx";

export function RegisterForm(props: { onRegistered: () => void }) {
  const action = createAction();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const submit = submitWith(action, async () => {
    const name = displayName().trim();
    await api.register({
      email: email().trim(),
      password: password(),
      ...(name ? { displayName: name } : {}),
    });
    props.onRegistered();
  });
  return (
    <form class="form" onSubmit={submit} aria-label="Create account">
      <EmailField autocomplete="email" value={email} onValue={setEmail} action={action} />
      <PasswordField label="Password" isNew value={password} onValue={setPassword} action={action}>
        <span class="muted">
          At least 8 characters and hard to guess; a passphrase of a few words works well.
        </span>
        <PasswordStrength password={password} userInputs={() => [email(), displayName()]} action={action} />
      </PasswordField>
      <TextField
        label="Display name (optional)"
        name="displayName"
        autocomplete="nickname"
        maxlength={64}
        value={displayName}
        onValue={setDisplayName}
        action={action}
      />
      <FormFooter action={action} submit="Create account" busyLabel="Creating…">
        <A href="/login">I already have an account</A>
      </FormFooter>
    </form>
  );
}
