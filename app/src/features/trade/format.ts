/** Number formatting shared by the Trade page's panels. */

export const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const units = (n: number) => n.toLocaleString("en-US");

export const price = (n: number | undefined, digits: number) =>
  n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits);

/** UTC "2024-01-02 10:15". */
export const utc = (ms: number) =>
  Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "—";

export const signed = (n: number, digits = 2) => `${n >= 0 ? "+" : ""}${n.toFixed(digits)}`;
