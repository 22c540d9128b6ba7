/** The user name CodeArtifact's Basic auth expects with the token. */
export const CODEARTIFACT_USERNAME = 'aws'
