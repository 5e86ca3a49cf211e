/**
 * Secrets reach logs inside URLs more often than in named fields: a Redis URL with a password,
 * an SMTP URL with credentials, a Slack webhook. Mask them wherever they appear in a string.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+)(?::([^\s/@]*))?@/gi;
const SLACK_WEBHOOK = /https:\/\/hooks\.slack\.com\/[^\s"']+/gi;
const TOKEN_PARAM = /([?&](?:token|key|secret|signature|sig|password|access_token)=)[^&\s"']+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

export function maskSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, (_m, scheme: string, user: string, pass?: string) =>
      pass === undefined ? `${scheme}${user}@` : `${scheme}${user}:***@`,
    )
    .replace(SLACK_WEBHOOK, "https://hooks.slack.com/***")
    .replace(TOKEN_PARAM, "$1***")
    .replace(BEARER, "$1 ***");
}

/** Field paths pino removes outright (values never printed). */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "webhookUrl",
  "*.webhookUrl",
  "smtpUrl",
  "*.smtpUrl",
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  "config.smtpUrl",
];
