/**
 * Two-factor authentication on the Security page: set up (QR code + manual key), confirm
 * with a first code, recovery codes shown once, regenerate them, or turn 2FA off
 * (password + code).
 */
import { type Accessor, createResource, createSignal, Match, Show, Switch } from "solid-js";
import { api, type TotpSetup } from "../../adapters/api-client.ts";
import { toast } from "../../ui/toasts.tsx";
import { FormFooter, PasswordField, SubmitButton, submitWith, TextField } from "./form-parts.tsx";
import { type Action, createAction, FormError } from "./form-state.tsx";
import { RecoveryCodes } from "./recovery-codes.tsx";
import { currentUser, patchUser } from "./session.ts";

function qrSource(qr: string): string {
  return qr.startsWith("data:") ? qr : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`;
}

/** The key in groups of four, as authenticator apps show it. */
function groupKey(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export function TwoFactorPanel() {
  const [status, { refetch }] = createResource(() => api.totpStatus());
  const [setup, setSetup] = createSignal<TotpSetup | null>(null);
  const [codes, setCodes] = createSignal<string[] | null>(null);
  const start = createAction();
  const enabled = () => status()?.enabled ?? currentUser()?.twoFactorEnabled ?? false;
  const onEnabled = (recovery: string[]) => {
    setSetup(null);
    setCodes(recovery);
    patchUser({ twoFactorEnabled: true });
    void refetch();
  };
  return (
    <section class="card" aria-labelledby="twofa-title">
      <h2 id="twofa-title">Two-factor authentication</h2>
      <Show when={codes()}>
        {(list) => (
          <RecoveryCodes codes={list()} email={currentUser()?.email} onDone={() => setCodes(null)} />
        )}
      </Show>
      <Show when={status.error}>
        <p class="error-text">{(status.error as Error).message}</p>
      </Show>
      <Switch>
        <Match when={enabled()}>
          <p data-testid="twofa-status">Two-factor authentication is on.</p>
          <Show when={status()}>
            {(st) => (
              <p class="muted" data-testid="recovery-codes-remaining">
                {st().recoveryCodesRemaining} unused recovery code
                {st().recoveryCodesRemaining === 1 ? "" : "s"} left.
              </p>
            )}
          </Show>
          <RegenerateCodes onCodes={(c) => setCodes(c)} />
          <DisableTwoFactor
            onDisabled={() => {
              patchUser({ twoFactorEnabled: false });
              void refetch();
            }}
          />
        </Match>
        <Match when={setup()}>
          {(s) => <SetupStep setup={s()} onEnabled={onEnabled} onCancel={() => setSetup(null)} />}
        </Match>
        <Match when={!enabled()}>
          <p data-testid="twofa-status">
            Two-factor authentication is off. Turn it on to require a code from an authenticator app at
            sign-in.
          </p>
          <FormError action={start} />
          <button
            type="button"
            disabled={start.busy()}
            onClick={() =>
              void start.run(async () => {
                setSetup(await api.totpSetup());
              })
            }
          >
            Set up two-factor authentication
          </button>
        </Match>
      </Switch>
    </section>
  );
}

function SetupStep(props: { setup: TotpSetup; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const action = createAction();
  const [code, setCode] = createSignal("");
  const submit = submitWith(action, async () => {
    const res = await api.totpVerify(code().trim());
    toast("Two-factor authentication is on.", "success");
    props.onEnabled(res.recoveryCodes);
  });
  return (
    <div>
      <p>1. Scan this QR code with your authenticator app (Google Authenticator, Aegis, 1Password, …).</p>
      <img
        src={qrSource(props.setup.qrSvg)}
        alt="QR code for your authenticator app"
        width="200"
        height="200"
        style={{ background: "#fff", padding: "8px", "border-radius": "6px" }}
      />
      <p>
        Or enter this key by hand:{" "}
        <code data-testid="totp-secret" data-secret={props.setup.secret}>
          {groupKey(props.setup.secret)}
        </code>
      </p>
      <form class="form" onSubmit={submit} aria-label="Confirm two-factor setup">
        <TextField
          label="2. Enter the 6-digit code the app shows"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          required
          value={code}
          onValue={setCode}
          action={action}
        />
        <FormFooter action={action} submit="Turn on">
          <button type="button" class="ghost" onClick={props.onCancel}>
            Cancel
          </button>
        </FormFooter>
      </form>
    </div>
  );
}

function RegenerateCodes(props: { onCodes: (codes: string[]) => void }) {
  const action = createAction();
  const [code, setCode] = createSignal("");
  const submit = submitWith(action, async () => {
    const res = await api.totpRecoveryCodes(code().trim());
    setCode("");
    props.onCodes(res.recoveryCodes);
  });
  return (
    <form class="form" onSubmit={submit} aria-label="New recovery codes">
      <h3>New recovery codes</h3>
      <p class="muted">Replaces all your recovery codes; the old ones stop working.</p>
      <AuthCodeField value={code} onValue={setCode} action={action} />
      <FormError action={action} />
      <SubmitButton action={action}>Generate new codes</SubmitButton>
    </form>
  );
}

function DisableTwoFactor(props: { onDisabled: () => void }) {
  const action = createAction();
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const submit = submitWith(action, async () => {
    await api.totpDisable({ password: password(), code: code().trim() });
    setPassword("");
    setCode("");
    toast("Two-factor authentication is off.", "info");
    props.onDisabled();
  });
  return (
    <form class="form" onSubmit={submit} aria-label="Turn off two-factor authentication">
      <h3>Turn off</h3>
      <PasswordField label="Password" value={password} onValue={setPassword} action={action} />
      <AuthCodeField value={code} onValue={setCode} action={action} />
      <FormError action={action} />
      <SubmitButton action={action} class="danger">
        Turn off two-factor authentication
      </SubmitButton>
    </form>
  );
}

/** The code that confirms a 2FA change: from the authenticator app, or a recovery code. */
function AuthCodeField(props: { value: Accessor<string>; onValue: (value: string) => void; action: Action }) {
  return (
    <TextField
      label="Authenticator or recovery code"
      name="code"
      autocomplete="one-time-code"
      required
      value={props.value}
      onValue={props.onValue}
      action={props.action}
    />
  );
}
