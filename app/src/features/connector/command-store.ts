/** The relay socket's pending commands in IndexedDB (Dexie table relayCommands, version 7). */
import { db } from "../../adapters/db.ts";
import type { PendingCommand, PendingCommandStore } from "../../adapters/relay-socket.ts";

export const dexieCommandStore: PendingCommandStore = {
  put: async (record: PendingCommand) => {
    await db.relayCommands.put(record);
  },
  remove: (key: string) => db.relayCommands.delete(key),
  list: () => db.relayCommands.orderBy("createdAt").toArray(),
};
