/* The text of the downloadable recovery-codes file. */

/** One code per line, with the account and date, ready to save as a .txt file. */
export function recoveryCodesText(codes: string[], email: string | undefined, now: Date): string {
  return [
    "Forex AI recovery codes",
    email ? `Account: ${email}` : undefined,
    `Created: ${now.toISOString()}`,
    "",
    "Each code works once, in place of an authenticator code. Keep them somewhere safe.",
    "",
    ...codes,
    "",
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}
