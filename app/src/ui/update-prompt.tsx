/* Registers the service worker and offers a reload when a new version is waiting. */

import { useRegisterSW } from "virtual:pwa-register/solid";
import { Show } from "solid-js";

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  return (
    <>
      <Show when={needRefresh()}>
        <div class="update-prompt" role="alertdialog" aria-label="Update available">
          <span>A new version of Forex AI is available.</span>
          <button type="button" onClick={() => updateServiceWorker(true)}>
            Reload to update
          </button>
          <button type="button" class="ghost" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </div>
      </Show>
      <Show when={offlineReady()}>
        <div class="update-prompt" role="status" data-testid="offline-ready">
          <span>Forex AI is ready to work offline.</span>
          <button type="button" class="ghost" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </div>
      </Show>
    </>
  );
}
