// Builds dist/main and dist/post with ncc (type-checked against src/tsconfig.json). The post bundle
// does not import the AWS SDK, so it stays small. dist/ is replaced only when both builds succeed.
import { execFileSync } from 'node:child_process'
import { renameSync, rmSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
const ncc = new URL('../node_modules/@vercel/ncc/dist/ncc/cli.js', import.meta.url).pathname
const next = `${root}.dist-next`
rmSync(next, { recursive: true, force: true })
for (const entry of ['main', 'post']) {
  execFileSync(process.execPath, [ncc, 'build', `src/entry/${entry}.ts`, '-o', `${next}/${entry}`, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
    cwd: root,
  })
}
rmSync(`${root}dist`, { recursive: true, force: true })
renameSync(next, `${root}dist`)
