/**
 * In-memory RoomStorage for tests of what surrounds the room: same ordering and listing
 * semantics as Durable Object storage (keys sorted as strings), values copied on write
 * and read so callers cannot mutate what is "stored".
 */
import type { ListOptions, RoomStorage } from "./ports.ts";

export class MemoryRoomStorage implements RoomStorage {
  readonly data = new Map<string, unknown>();
  alarm: number | null = null;

  async get<T>(key: string): Promise<T | undefined> {
    const value = this.data.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async put(entries: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(entries)) this.data.set(key, structuredClone(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async list<T>(options: ListOptions): Promise<Map<string, T>> {
    let keys = [...this.data.keys()].filter((k) => k.startsWith(options.prefix)).sort();
    if (options.reverse) keys.reverse();
    if (options.limit !== undefined) keys = keys.slice(0, options.limit);
    return new Map(keys.map((k) => [k, structuredClone(this.data.get(k)) as T]));
  }

  async setAlarm(at: number): Promise<void> {
    this.alarm = at;
  }

  async getAlarm(): Promise<number | null> {
    return this.alarm;
  }
}
