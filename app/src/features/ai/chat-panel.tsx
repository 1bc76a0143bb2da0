/**
 * The chat: suggested questions, the context preview with a switch per part, the question
 * box, and the conversation with streamed answers. Each answer says who gave it: the AI
 * provider and model, or the local analysis and why.
 */
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { ApiError } from "../../adapters/api-client.ts";
import { aiState } from "./ai-page-store.ts";
import type { ChatMessageRecord, ConversationRecord } from "./ai-records.ts";
import { createConversation, listConversations, saveMessages } from "./ai-store.ts";
import { chooseRoute, streamProviderAnswer, upstreamMessages } from "./chat-controller.ts";
import { type ContextPartId, contextParts, contextText } from "./context.ts";
import { ConversationsList } from "./conversations-list.tsx";
import { localAnswer } from "./local-answer.ts";
import { suggestedQuestions } from "./suggestions.ts";

function Message(props: { m: ChatMessageRecord }) {
  const m = () => props.m;
  return (
    <div
      class={`chat-msg ${m().role}`}
      data-testid={m().role === "user" ? "user-message" : "assistant-message"}
    >
      <Show when={m().role === "assistant"}>
        <div class="chat-meta small muted" data-testid="answer-source">
          {m().source === "local"
            ? `Local analysis — ${m().localReason ?? ""}`
            : `Answered by ${m().provider} · ${m().model}`}
        </div>
      </Show>
      <div class="chat-text" data-testid="message-text">
        {m().content}
      </div>
      <Show when={m().error}>
        <p class="error-text" data-testid="answer-error">
          {m().error}
        </p>
      </Show>
    </div>
  );
}

export function ChatPanel() {
  const [conversations, { refetch }] = createResource(listConversations, { initialValue: [] });
  const [current, setCurrent] = createSignal<ConversationRecord>();
  const [messages, setMessages] = createSignal<ChatMessageRecord[]>([]);
  const [question, setQuestion] = createSignal("");
  const [off, setOff] = createSignal<ReadonlySet<ContextPartId>>(new Set());
  const [busy, setBusy] = createSignal(false);
  let abort: AbortController | undefined;
  onCleanup(() => abort?.abort());

  const market = () => {
    const o = aiState.market();
    return o?.ok ? o.analysis : undefined;
  };
  const habits = () => {
    const h = aiState.analysedHistory();
    return h ? { name: h.history.name, analysis: h.analysis } : undefined;
  };
  const parts = () => contextParts({ market: market(), habits: habits() });

  function open(id: string | undefined) {
    const c = conversations().find((x) => x.id === id);
    setCurrent(c);
    setMessages(c?.messages ?? []);
  }

  function toggle(id: ContextPartId, on: boolean) {
    const next = new Set(off());
    if (on) next.delete(id);
    else next.add(id);
    setOff(next);
  }

  async function ask(text: string) {
    const q = text.trim();
    if (!q || busy()) return;
    setBusy(true);
    setQuestion("");
    try {
      const conv = current() ?? (await createConversation(q, Date.now()));
      setCurrent(conv);
      const sent = parts().filter((p) => !off().has(p.id));
      const asked: ChatMessageRecord[] = [
        ...messages(),
        { role: "user", content: q, at: Date.now(), contextParts: sent.map((p) => p.id) },
      ];
      setMessages(asked);
      await saveMessages(conv.id, asked, Date.now());
      const local = (reason: string): ChatMessageRecord => ({
        role: "assistant",
        content: localAnswer({ question: q, reason, market: market(), habits: habits() }),
        at: Date.now(),
        source: "local",
        localReason: reason,
      });
      const route = await chooseRoute();
      let answer: ChatMessageRecord;
      if (route.kind === "local") answer = local(route.reason);
      else {
        answer = {
          role: "assistant",
          content: "",
          at: Date.now(),
          source: "provider",
          provider: route.provider,
          model: route.model,
        };
        setMessages([...asked, answer]);
        abort = new AbortController();
        try {
          await streamProviderAnswer(
            { messages: upstreamMessages(asked), context: contextText(parts(), off()) || undefined },
            (e) => {
              if (e.type === "delta") answer = { ...answer, content: answer.content + e.text };
              else if (e.type === "error") answer = { ...answer, error: e.message };
              setMessages([...asked, answer]);
            },
            abort.signal,
          );
        } catch (error) {
          if ((error as Error).name === "AbortError") answer = { ...answer, error: "Stopped." };
          else if (error instanceof ApiError)
            answer = local(`the AI provider could not answer: ${error.message}`);
          else throw error;
        }
      }
      const done = [...asked, answer];
      setMessages(done);
      await saveMessages(conv.id, done, Date.now());
      await refetch();
    } finally {
      abort = undefined;
      setBusy(false);
    }
  }

  return (
    <div class="ai-chat-layout">
      <ConversationsList
        all={conversations()}
        currentId={current()?.id}
        onOpen={open}
        onChanged={() => void refetch()}
      />
      <section class="ai-chat" data-testid="chat">
        <div class="chat-log" data-testid="chat-log">
          <For each={messages()}>{(m) => <Message m={m} />}</For>
        </div>
        <div class="row suggestions">
          <For each={suggestedQuestions({ market: !!market(), habits: !!habits() })}>
            {(s) => (
              <button
                type="button"
                class="ghost small"
                disabled={busy()}
                onClick={() => void ask(s)}
                data-testid="suggestion"
              >
                {s}
              </button>
            )}
          </For>
        </div>
        <details class="context-preview" open data-testid="context-preview">
          <summary>Context sent with your question (computed on this device)</summary>
          <Show
            when={parts().length > 0}
            fallback={<p class="muted small">Nothing to send: no data set and no trade history.</p>}
          >
            <For each={parts()}>
              {(p) => (
                <div class="context-part">
                  <label class="row">
                    <input
                      type="checkbox"
                      checked={!off().has(p.id)}
                      onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                      data-testid={`context-switch-${p.id}`}
                    />
                    {p.label}
                  </label>
                  <pre classList={{ muted: off().has(p.id) }} data-testid={`context-part-${p.id}`}>
                    {p.text}
                  </pre>
                </div>
              )}
            </For>
          </Show>
        </details>
        <form
          class="chat-input"
          onSubmit={(e) => {
            e.preventDefault();
            void ask(question());
          }}
        >
          <textarea
            rows={3}
            placeholder="Ask about the market or your trading…"
            value={question()}
            onInput={(e) => setQuestion(e.currentTarget.value)}
            data-testid="chat-question"
          />
          <div class="row">
            <button type="submit" disabled={busy() || question().trim() === ""} data-testid="chat-send">
              {busy() ? "Answering…" : "Ask"}
            </button>
            <Show when={busy()}>
              <button type="button" class="ghost" onClick={() => abort?.abort()}>
                Stop
              </button>
            </Show>
          </div>
        </form>
      </section>
    </div>
  );
}
