/** Worker entry: the Hono app as the fetch handler, and the Durable Object classes. */
import { createApp } from "./app.ts";

export { RelayRoom } from "./relay/relay-room.ts";
export { RateLimiterObject } from "./services/rate-limiter-object.ts";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<import("./env.ts").Env>;
