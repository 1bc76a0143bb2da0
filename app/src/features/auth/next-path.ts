/* Where to continue after signing in: only a path inside this app, never another origin. */

/** A safe in-app path from a ?next= value, else the fallback. */
export function safeNext(value: string | string[] | undefined, fallback = "/"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v?.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return [...v].some((ch) => ch.charCodeAt(0) < 32) ? fallback : v;
}
