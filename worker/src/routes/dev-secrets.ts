/** Fake secrets the dev crash route plants; tests assert they never reach Sentry or the body. */
export const CRASH_FAKE_SECRETS = {
  token: "fake-token-Zq7vT2",
  password: "fake-password-Hk4w9",
  otp: "914273",
} as const;
