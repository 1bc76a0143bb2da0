/**
 * JSON bodies of the HTTP calls around the relay, shared by the worker (which validates
 * requests and documents them in OpenAPI) and the connector / app (which validate answers).
 */
import { z } from "zod";
import { brokerInfoSchema, timeSchema } from "./primitives.ts";

/** Pairing code shown on the Connector page: 8 characters from an unambiguous alphabet, e.g. "K7QD-M2XP". */
export const pairingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-9]{4}-?[A-Z2-9]{4}$/, "code must look like K7QD-M2XP (from the Connector page)")
  .transform((code) => (code.includes("-") ? code : `${code.slice(0, 4)}-${code.slice(4)}`));

/** POST /api/v1/connector/pairings (signed in) -> 201 */
export const pairingResponseSchema = z.object({ code: z.string(), expiresAt: timeSchema });

/** POST /api/v1/connector/link (no auth: the code is the credential) */
export const linkRequestSchema = z.object({
  code: pairingCodeSchema,
  /** shown in the connectors list, e.g. the machine's host name */
  name: z
    .string()
    .trim()
    .min(1, "name must not be empty")
    .max(60, "name must be at most 60 characters")
    .optional(),
  version: z.string().max(40).optional(),
});
export type LinkRequest = z.input<typeof linkRequestSchema>;

/** 201 answer to link: the token is shown once and never stored in clear by the server. */
export const linkResponseSchema = z.object({
  connectorId: z.string(),
  name: z.string(),
  /** "fxc_..." — send as `Authorization: Bearer <token>` */
  token: z.string(),
});
export type LinkResponse = z.infer<typeof linkResponseSchema>;

/** POST /api/v1/connector/tickets (connector token) and POST /api/v1/relay/tickets (session or API token) -> 201 */
export const ticketResponseSchema = z.object({
  ticket: z.string(),
  /** path to open the WebSocket on, relative to the server: "/api/v1/relay?ticket=..." */
  url: z.string(),
  expiresAt: timeSchema,
});
export type TicketResponse = z.infer<typeof ticketResponseSchema>;

/** GET /api/v1/connector/status */
export const connectorStatusSchema = z.object({
  online: z.boolean(),
  lastSeen: timeSchema.nullable(),
  broker: brokerInfoSchema.nullable(),
  version: z.string().nullable(),
  /** which linked connector the presence is about (absent from older relays) */
  connectorId: z.string().optional(),
});
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

/** What a connector learns about itself with its own token (GET /connector/self). */
export const connectorSelfSchema = z.object({
  connectorId: z.string(),
  name: z.string(),
  /** Whether the relay's presence below is this connector's (else another one of the user's). */
  current: z.boolean(),
  /** Online only when `current`: this connector is the one the relay sees. */
  online: z.boolean(),
  lastSeen: timeSchema.nullable(),
  broker: connectorStatusSchema.shape.broker,
  version: z.string().nullable(),
});
export type ConnectorSelf = z.infer<typeof connectorSelfSchema>;
