// Mutation testing with StrykerJS: `npm run mutate` (not part of `npm test`; it takes a while).
// Reports go to reports/mutation/ (html, json) and the terminal (clear-text).
import jestConfig from './jest.config.js'

// Jest runs the `unit` project only. Stryker's jest runner takes one flat config (its coverage
// environment replaces the top-level testEnvironment, not a project's), so the unit project is
// given as the config itself, with `projects` emptied.
const unit = jestConfig.projects.find((project) => project.displayName === 'unit')

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/**/*.ts',
    '!src/entry/**',
    '!src/stubs/**',
    '!src/types.d.ts',
    '!src/sha256-js.ts',
  ],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      ...unit,
      projects: [],
      // These suites test the test servers (test-support/) and scripts/, never src/: they cover no
      // mutant, and some need cargo, gem, Maven or Gradle.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/support/', '<rootDir>/__tests__/scripts/'],
    },
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  concurrency: 2,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
}
