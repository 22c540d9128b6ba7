import { requireCommand } from '../../test-support/require-command.js'

test('a missing program fails with the Debian package to install, never spawn ENOENT', () => {
  expect(() => requireCommand('registry-auth-no-such-program', 'some-package')).toThrow('registry-auth-no-such-program is not installed; run: apt-get install some-package')
  expect(requireCommand('sh', 'dash')).toMatch(/\/sh$/)
})
