/** Risk management: position sizing (more to come: exposure limits). */
export * from "./position-size.ts";
