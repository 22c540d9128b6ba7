/**
 * The post step's part of swift on macOS: `swift package-registry logout <url>` for each login the
 * main step made, which takes the token out of the keychain (and the registry's authentication entry
 * out of registries.json, which the file's own record then puts back). Small and free of the client's
 * code, since the post step loads it every time.
 */
import { runLogged } from '../restore.js'
import { showValue } from '../text.js'

export interface SwiftRecord {
  kind: 'swift'
  description: string
  /** The login URLs whose credential the keychain holds. */
  urls: string[]
}

export async function undoSwift(record: SwiftRecord): Promise<void> {
  for (const url of record.urls) await runLogged('swift', ['package-registry', 'logout', url])
}

/** Checks a saved swift record (see replay.ts checkRecords): https URLs without credentials, query or fragment. */
export function checkSwiftRecord(record: Record<string, unknown>): string | undefined {
  const urls = record.urls
  const valid = Array.isArray(urls) && urls.every((url) => {
    if (typeof url !== 'string' || !/^https:\/\/[\x21-\x7e]+$/.test(url)) return false
    try {
      const parsed = new URL(url)
      return !parsed.username && !parsed.password && !url.includes('?') && !url.includes('#')
    } catch {
      return false
    }
  })
  return valid ? undefined : `swift logins ${showValue(urls)} are not registry URLs`
}
