/* The app frame: side navigation, theme toggle, online state, update prompt, toasts. */
import { A, type RouteSectionProps } from "@solidjs/router";
import { createSignal, For, onCleanup, onMount, Suspense } from "solid-js";
import { AccountBadge } from "../features/auth/account-badge.tsx";
import { navItems } from "./nav-items.ts";
import { ThemeToggle } from "./theme-toggle.tsx";
import { Toasts } from "./toasts.tsx";
import { UpdatePrompt } from "./update-prompt.tsx";

export function Layout(props: RouteSectionProps) {
  const [online, setOnline] = createSignal(navigator.onLine);
  onMount(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    onCleanup(() => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    });
  });
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Main">
        <div class="brand">
          <img src="/icons/icon-192.png" alt="" width="28" height="28" />
          <span>Forex AI</span>
        </div>
        <ul>
          <For each={navItems}>
            {(item) => (
              <li>
                <A href={item.path} end={item.path === "/"} activeClass="active">
                  {item.label}
                </A>
              </li>
            )}
          </For>
        </ul>
        <div class="sidebar-foot">
          <AccountBadge />
          <span class={online() ? "status online" : "status offline"} data-testid="online-status">
            {online() ? "Online" : "Offline"}
          </span>
          <ThemeToggle />
        </div>
      </nav>
      <main class="content">
        <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
      </main>
      <UpdatePrompt />
      <Toasts />
    </div>
  );
}
