/**
 * Recovery codes, shown once right after they are created: listed, downloadable as a
 * .txt file, and gone from the page (and memory) once the user says they are saved.
 */
import { For } from "solid-js";
import { recoveryCodesText } from "./recovery-codes-text.ts";

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "forex-ai-recovery-codes.txt";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RecoveryCodes(props: { codes: string[]; email?: string; onDone: () => void }) {
  return (
    <div class="card" data-testid="recovery-codes">
      <h2>Your recovery codes</h2>
      <p>
        Save these now: they are shown only this once. Each one signs you in once if you lose your
        authenticator.
      </p>
      <ul style={{ "font-family": "monospace", "font-size": "1.05rem", "list-style": "none", padding: 0 }}>
        <For each={props.codes}>{(code) => <li data-testid="recovery-code">{code}</li>}</For>
      </ul>
      <div class="row">
        <button
          type="button"
          onClick={() => download(recoveryCodesText(props.codes, props.email, new Date()))}
        >
          Download
        </button>
        <button
          type="button"
          class="ghost"
          onClick={() => void navigator.clipboard?.writeText(props.codes.join("\n"))}
        >
          Copy
        </button>
        <button type="button" class="ghost" onClick={props.onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}
