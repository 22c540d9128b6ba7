/** Masks every form in which a credential can show up in a log, before anything else prints it. */
import * as core from '@actions/core'

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

/**
 * The forms of a secret a log could show: the raw value, its base64, its percent-encoded form (URLs,
 * pip index URLs), its JSON-escaped form (a JSON file or message), and `user:secret` in base64 (ECR's
 * authorizationToken, HTTP Basic auth headers, docker's config.json `auth`) for each username the
 * secret is used with.
 */
export function secretForms(secret: string, usernames: readonly string[] = []): string[] {
  if (!secret) return []
  const forms = [secret, base64(secret), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]
  for (const username of usernames) forms.push(base64(`${username}:${secret}`))
  return [...new Set(forms)]
}

/** Registers every form of the secret with the runner's masker. */
export function maskSecret(secret: string, usernames: readonly string[] = []): void {
  for (const form of secretForms(secret, usernames)) core.setSecret(form)
}
