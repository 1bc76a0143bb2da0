/* Settings page: trading defaults kept on this device and synced with the account. */
import { createResource, onMount, Show } from "solid-js";
import { restoreSession } from "../features/auth/session.ts";
import { SettingsForm } from "../features/settings/settings-form.tsx";
import { loadSettings, syncSettings } from "../features/settings/settings-store.ts";

export function SettingsPage() {
  const [ready] = createResource(() => loadSettings().then(() => true));
  onMount(() => void restoreSession().then(() => syncSettings()));
  return (
    <section class="page">
      <h1>Settings</h1>
      <Show when={ready()} fallback={<p class="muted">Reading settings…</p>}>
        <SettingsForm />
      </Show>
    </section>
  );
}
