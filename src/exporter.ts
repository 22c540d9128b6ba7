/** Exporting variables for later steps (unless export-env is false), keeping the names for the summary. */
import * as core from '@actions/core'

export function exporter(enabled: boolean) {
  const names: string[] = []
  return {
    names,
    add(variables: Record<string, string>): void {
      if (!enabled) return
      for (const [name, value] of Object.entries(variables)) {
        core.exportVariable(name, value)
        if (!names.includes(name)) names.push(name)
      }
    },
  }
}
