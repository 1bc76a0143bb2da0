/**
 * The connector's logger. Every line passes through redact(): registered secret values
 * (the connector token, broker API keys, relay tickets, the settings page token) and
 * anything shaped like a bearer token or a token/ticket query parameter become "[redacted]".
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Registers a value that must never appear in output. */
  addSecret(value: string | undefined): void;
}

const PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /([?&](?:token|ticket|key|apiToken|access_token)=)[^&\s"']+/gi,
  /("(?:token|apiToken|ticket|secret|password|authorization)"\s*:\s*")[^"]*/gi,
];

/** Replaces secrets and secret-shaped substrings in text. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, "$1[redacted]");
  return out;
}

/** A logger writing timestamped lines to `write` (stdout by default). */
export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => Date = () => new Date(),
): Logger {
  const secrets = new Set<string>();
  const emit = (level: string, message: string) =>
    write(`${now().toISOString()} ${level} ${redact(message, secrets)}\n`);
  return {
    info: (m) => emit("info ", m),
    warn: (m) => emit("warn ", m),
    error: (m) => emit("error", m),
    addSecret(value) {
      if (value) secrets.add(value);
    },
  };
}
