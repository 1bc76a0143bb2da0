/** "Email me this digest now" on the AI page, and the weekly automatic send when opted in. */
import { A } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { ApiError } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { currentUser } from "../auth/session.ts";
import { settings } from "../settings/settings-store.ts";
import { aiState } from "./ai-page-store.ts";
import { buildDigest, maybeSendDigest, sendDigest } from "./digest.ts";

export function DigestButton() {
  const [busy, setBusy] = createSignal(false);
  let tried = false;
  createEffect(() => {
    const analysed = aiState.allAnalysed();
    if (tried || analysed.length === 0 || !settings().emailAiDigest || !currentUser()) return;
    tried = true;
    void maybeSendDigest({ optedIn: true, signedIn: true, analysed, now: Date.now() });
  });
  return (
    <article class="card" data-testid="digest">
      <h2>Email digest</h2>
      <Show
        when={settings().emailAiDigest}
        fallback={
          <p class="muted">
            Off. Turn on the weekly digest of your newest alerts in <A href="/settings">Settings</A> (needs an
            account).
          </p>
        }
      >
        <p class="muted">
          On: a digest of your newest alerts is emailed at most once a week when you use the app.
        </p>
        <button
          type="button"
          disabled={busy() || aiState.histories().length === 0}
          onClick={async () => {
            setBusy(true);
            try {
              await sendDigest(buildDigest(aiState.allAnalysed(), Date.now()), Date.now());
              toast("Digest emailed.", "success");
            } catch (error) {
              toast(error instanceof ApiError ? error.message : "The digest could not be sent.", "error");
            } finally {
              setBusy(false);
            }
          }}
        >
          Email me the digest now
        </button>
      </Show>
    </article>
  );
}
