/** Stored conversations: search, open, rename, delete (all local). */
import { createSignal, For, Show } from "solid-js";
import type { ConversationRecord } from "./ai-records.ts";
import { deleteConversation, renameConversation, searchConversations } from "./ai-store.ts";

export function ConversationsList(props: {
  all: ConversationRecord[];
  currentId: string | undefined;
  onOpen: (id: string | undefined) => void;
  onChanged: () => void;
}) {
  const [query, setQuery] = createSignal("");
  const [editing, setEditing] = createSignal<string>();
  const [name, setName] = createSignal("");
  const shown = () => searchConversations(props.all, query());

  async function saveName(id: string) {
    try {
      await renameConversation(id, name());
      setEditing(undefined);
      props.onChanged();
    } catch (error) {
      alert((error as Error).message);
    }
  }

  return (
    <aside class="ai-conversations" data-testid="conversations">
      <div class="row">
        <button type="button" onClick={() => props.onOpen(undefined)} data-testid="new-conversation">
          New conversation
        </button>
      </div>
      <input
        type="search"
        placeholder="Search conversations"
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
        data-testid="conversation-search"
      />
      <Show
        when={shown().length > 0}
        fallback={<p class="muted small">{props.all.length ? "No match." : "No conversations yet."}</p>}
      >
        <ul class="plain">
          <For each={shown()}>
            {(c) => (
              <li classList={{ current: c.id === props.currentId }} data-testid="conversation-item">
                <Show
                  when={editing() === c.id}
                  fallback={
                    <>
                      <button type="button" class="link" onClick={() => props.onOpen(c.id)}>
                        {c.title}
                      </button>
                      <span class="small">
                        <button
                          type="button"
                          class="link"
                          onClick={() => {
                            setName(c.title);
                            setEditing(c.id);
                          }}
                        >
                          Rename
                        </button>{" "}
                        <button
                          type="button"
                          class="link danger-link"
                          onClick={async () => {
                            if (!confirm(`Delete the conversation "${c.title}"?`)) return;
                            await deleteConversation(c.id);
                            if (c.id === props.currentId) props.onOpen(undefined);
                            props.onChanged();
                          }}
                        >
                          Delete
                        </button>
                      </span>
                    </>
                  }
                >
                  <form
                    class="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void saveName(c.id);
                    }}
                  >
                    <input
                      value={name()}
                      onInput={(e) => setName(e.currentTarget.value)}
                      aria-label="Conversation name"
                    />
                    <button type="submit">Save</button>
                  </form>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </aside>
  );
}
