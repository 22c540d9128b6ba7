/**
 * Runs calls side by side and waits for all of them (none is left running unobserved), then fails
 * with the causes as one message, keeping the first failure as the error's `cause`:
 * - `each`: one line per distinct cause (regions that failed the same way share a line);
 * - `first`: the first failure's line, and how many other calls failed differently (for calls that mostly repeat
 *   the first one's cause, such as CodeArtifact's token and endpoint calls).
 */
export async function settleAll<T>(calls: Promise<T>[], report: 'each' | 'first' = 'each'): Promise<T[]> {
  const results = await Promise.allSettled(calls)
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []))
  if (failures.length > 0) {
    const messages = failures.map((reason) => (reason instanceof Error ? reason.message : String(reason)))
    const distinct = [...new Set(messages)]
    const others = distinct.length - 1
    const text = report === 'each' || others === 0 ? distinct.join('\n') : `${distinct[0]} (${others} more call${others > 1 ? 's' : ''} failed too)`
    throw new Error(text, { cause: failures[0] })
  }
  return results.map((result) => (result as PromiseFulfilledResult<T>).value)
}
