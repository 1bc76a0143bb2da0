/**
 * The relay protocol: versioned, zod-checked messages shared by the app, the relay (the
 * RelayRoom Durable Object in worker/src/relay) and the connector. docs/protocol.md
 * documents every message with examples.
 *
 * Flow
 * 1. Linking (HTTP, once): the signed-in user asks `POST /api/v1/connector/pairings` for a
 *    one-time code (10 min). `forex-ai-connector link <code>` sends it to
 *    `POST /api/v1/connector/link` and receives a connector token (`fxc_...`, stored hashed
 *    by the server, kept in the connector's config file).
 * 2. Joining: every socket needs a single-use ticket (valid <= 60 s, TICKET_TTL_MS).
 *    - connector: `POST /api/v1/connector/tickets` with `Authorization: Bearer fxc_...`
 *      (connectors send no Origin; the token is their credential);
 *    - app session: `POST /api/v1/relay/tickets` with its access token, and the socket must
 *      come from an allowed Origin;
 *    - API client: the same endpoint with a personal API token (`fxa_...`, scope read).
 *    Then `GET /api/v1/relay?ticket=...` upgrades to a WebSocket in the user's room. The
 *    role (app | connector | api) comes from the ticket, never from a message.
 * 3. Session: the peer sends `hello` (software, version, and for a connector its broker);
 *    the relay answers `welcome` (role, session id, connector presence; to a connector,
 *    the keys of commands it forwarded but never saw acknowledged, to reconcile). Peers
 *    send `heartbeat` every HEARTBEAT_INTERVAL_MS; the relay echoes it. The connector's
 *    heartbeats give presence (online, lastSeen), pushed to apps as `presence`.
 * 4. State: the connector sends `quotes`, `account`, `positions`, `orders` and `fill`; the
 *    relay keeps the latest state and recent fills and fans them out to app and API sockets.
 * 5. Commands: an app sends `command` {key, expiresAt, command: place|modify|cancel|close}
 *    with an idempotency key it saved before sending. The relay refuses it if expired or
 *    if no connector is online (`error` connector_offline: never queued), otherwise STORES
 *    it, answers `received` {key, orderId} and forwards it to the connector. The connector
 *    records "submitted" before calling the broker, passes the key to the broker, and
 *    answers `ack` {key, result}. The relay stores the result and sends `ack` to the apps
 *    (the UI says "placed" only now). The same key again gets the stored `ack` replayed
 *    (replayed: true) or, while still pending, `received` again; never a second order.
 *    The same key with a different command is refused (idempotency_conflict).
 * 6. Errors: `error` {code, message, key?}; bad frames are answered, not fatal. Frames over
 *    MAX_MESSAGE_BYTES (64 KB) close the socket with 1009.
 *
 * Versions: every message carries `v`; receivers accept PROTOCOL_VERSION and the one
 * before it. Versions 1 and 2 have the same shapes (2 added the `unacked` list, optional).
 */
export * from "./codec.ts";
export * from "./commands.ts";
export * from "./http.ts";
export * from "./messages.ts";
export * from "./primitives.ts";
export * from "./roles.ts";
export * from "./state.ts";
export * from "./version.ts";
