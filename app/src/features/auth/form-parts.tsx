/**
 * The pieces every account form is built from: a labelled text input with the server's
 * message for that field under it (and its email and password variants), the submit button
 * that shows the action is busy, the form's foot (error line + submit row), and the
 * onSubmit handler that runs the form's request through its Action.
 */
import type { Accessor, JSX } from "solid-js";
import { type Action, FieldError, FormError } from "./form-state.tsx";

/** The server's bounds for a new password (worker/src/auth/password-policy.ts checks them again). */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 128;

/** A form's onSubmit: stops the page load, then runs fn through the action unless blocked() says no. */
export function submitWith(action: Action, fn: () => Promise<void>, blocked?: () => boolean) {
  return (e: SubmitEvent) => {
    e.preventDefault();
    if (blocked?.()) return;
    void action.run(fn);
  };
}

export interface TextFieldProps {
  label: JSX.Element;
  /** The input's name, also the server's field path for the error under it. */
  name: string;
  value: Accessor<string>;
  onValue: (value: string) => void;
  /** When given, the server's message for `name` shows under the input. */
  action?: Action;
  type?: "email" | "password";
  autocomplete: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  inputmode?: "text" | "numeric";
  pattern?: string;
  /** Shown between the input and the field error (a hint, or a client-side check). */
  children?: JSX.Element;
}

/** A label wrapping its input, an optional hint and the field's server error. */
export function TextField(props: TextFieldProps) {
  return (
    <label>
      {props.label}
      <input
        type={props.type}
        name={props.name}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        pattern={props.pattern}
        required={props.required}
        minlength={props.minlength}
        maxlength={props.maxlength}
        value={props.value()}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
      {props.children}
      {props.action ? <FieldError action={props.action} path={props.name} /> : null}
    </label>
  );
}

/** What a field needs from its form: its signal, and the action whose errors it shows. */
export interface FieldBinding {
  value: Accessor<string>;
  onValue: (value: string) => void;
  action?: Action;
}

/** The account email; "username" lets password managers pair it with the sign-in password. */
export function EmailField(props: FieldBinding & { autocomplete: "email" | "username" }) {
  return (
    <TextField
      label="Email"
      type="email"
      name="email"
      autocomplete={props.autocomplete}
      required
      value={props.value}
      onValue={props.onValue}
      action={props.action}
    />
  );
}

/** A password input: the current one, or a new one (length bounds and new-password autofill). */
export function PasswordField(
  props: FieldBinding & { label: string; name?: string; isNew?: boolean; children?: JSX.Element },
) {
  return (
    <TextField
      label={props.label}
      type="password"
      name={props.name ?? "password"}
      autocomplete={props.isNew ? "new-password" : "current-password"}
      required
      minlength={props.isNew ? PASSWORD_MIN_LENGTH : undefined}
      maxlength={props.isNew ? PASSWORD_MAX_LENGTH : undefined}
      value={props.value}
      onValue={props.onValue}
      action={props.action}
    >
      {props.children}
    </TextField>
  );
}

/** The submit button, disabled while the action runs; busyLabel replaces the text meanwhile. */
export function SubmitButton(props: {
  action: Action;
  busyLabel?: string;
  class?: string;
  disabled?: boolean;
  children: JSX.Element;
}) {
  const busy = () => props.action.busy();
  return (
    <button type="submit" class={props.class} disabled={busy() || props.disabled === true}>
      {busy() && props.busyLabel ? props.busyLabel : props.children}
    </button>
  );
}

/** The foot of a form: the form-level error, then a row with the submit button and any links. */
export function FormFooter(props: {
  action: Action;
  submit: string;
  busyLabel?: string;
  disabled?: boolean;
  children?: JSX.Element;
}) {
  return (
    <>
      <FormError action={props.action} />
      <div class="row">
        <SubmitButton action={props.action} busyLabel={props.busyLabel} disabled={props.disabled}>
          {props.submit}
        </SubmitButton>
        {props.children}
      </div>
    </>
  );
}
