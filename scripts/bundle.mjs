// Builds dist/main and dist/post with ncc. The post bundle does not import the AWS SDK, so it stays small.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const ncc = new URL('../node_modules/@vercel/ncc/dist/ncc/cli.js', import.meta.url).pathname
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
for (const entry of ['main', 'post']) {
  execFileSync(process.execPath, [ncc, 'build', `src/entry/${entry}.ts`, '-o', `dist/${entry}`, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url).pathname,
  })
}
