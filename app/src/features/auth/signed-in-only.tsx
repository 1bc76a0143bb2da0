/**
 * Shows its children only to a signed-in user; otherwise says why (offline, or signed
 * out) with links to sign in or create an account, coming back here afterwards.
 */
import { A, useLocation } from "@solidjs/router";
import { type JSX, Match, onMount, Switch } from "solid-js";
import { isOnline } from "./online.ts";
import { currentUser, restoreSession, sessionStatus } from "./session.ts";

export function SignedInOnly(props: { what: string; children: JSX.Element }) {
  const location = useLocation();
  onMount(() => void restoreSession());
  const next = () => encodeURIComponent(location.pathname);
  return (
    <Switch>
      <Match when={currentUser()}>{props.children}</Match>
      <Match when={sessionStatus() === "unknown"}>
        <p class="muted">Checking your session…</p>
      </Match>
      <Match when={!isOnline()}>
        <p data-testid="needs-network">
          {props.what} needs a network connection. You are offline; local features keep working.
        </p>
      </Match>
      <Match when={true}>
        <p data-testid="needs-sign-in">
          {props.what} needs an account. <A href={`/login?next=${next()}`}>Sign in</A> or{" "}
          <A href="/register">create an account</A>.
        </p>
      </Match>
    </Switch>
  );
}
