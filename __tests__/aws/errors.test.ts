import { explainAwsError } from '../../src/aws/errors.js'

const error = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra })

describe('explainAwsError', () => {
  test.each([
    [error('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/ci is not authorized to perform: ecr:GetAuthorizationToken'), 'ecr',
      'ecr us-east-1: User: arn:aws:sts::1:assumed-role/ci is not authorized to perform: ecr:GetAuthorizationToken — the credentials need ecr:GetAuthorizationToken.'],
    [error('AccessDeniedException', 'denied'), 'ecr-public', 'the credentials need ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken'],
    [error('AccessDeniedException', 'denied'), 'codeartifact', 'codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken'],
    [error('CredentialsProviderError', 'Could not load credentials from any providers'), 'ecr', 'No AWS credentials found. Add aws-actions/configure-aws-credentials before this step'],
    [error('ExpiredTokenException', 'The security token included in the request is expired'), 'ecr', 'the AWS credentials have expired'],
    [error('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'ecr', 'the AWS credentials were rejected'],
    [error('InvalidSignatureException', 'The request signature we calculated does not match'), 'ecr', 'the AWS credentials were rejected'],
    [error('ThrottlingException', 'Rate exceeded', { $metadata: { attempts: 5 } }), 'ecr', 'still throttled after 5 attempts; raise max-attempts'],
    [error('Error', 'getaddrinfo ENOTFOUND api.ecr.us-esat-1.amazonaws.com', { code: 'ENOTFOUND' }), 'ecr', 'the endpoint could not be resolved; check the region'],
    [error('Error', 'socket hang up', { code: 'ECONNRESET' }), 'ecr', 'the connection failed after 5 attempts'],
    [error('InternalServerError', 'boom', { $metadata: { httpStatusCode: 500, attempts: 3 } }), 'ecr', 'the service failed (HTTP 500) after 3 attempts'],
    [error('SyntaxError', 'Unexpected token < in JSON', { $responseBodyText: '<html><body>502 Bad Gateway</body></html>', $metadata: { httpStatusCode: 200 } }), 'ecr',
      'ecr us-east-1: the answer was not an AWS response (HTTP 200, body starts "<html><body>502 Bad Gateway</body></html>"); check http-proxy, HTTPS_PROXY and any AWS_ENDPOINT_URL_* setting.'],
    [error('ThrottlingException', 'Rate exceeded', { $metadata: { attempts: 1 } }), 'ecr', 'still throttled after 1 attempt; raise'],
    [error('Error', 'getaddrinfo ENOTFOUND api.ecr-public.us-east-1.amazonaws.com', { code: 'ENOTFOUND' }), 'ecr-public', 'could not be resolved; check the network and any proxy settings.'],
    [error('TypeError', 'Cannot read properties of undefined', {}), 'ecr', 'ecr us-east-1: TypeError: Cannot read properties of undefined'],
    [error('UnknownError', 'UnknownError', { $metadata: { httpStatusCode: 407 } }), 'ecr', 'the proxy refused the request (HTTP 407 Proxy Authentication Required)'],
    [error('UnknownError', 'UnknownError', { $metadata: { httpStatusCode: 418 } }), 'ecr', 'ecr us-east-1: UnknownError (HTTP 418)'],
    [error('TimeoutError', 'socket hang up', { code: 'ECONNRESET', $metadata: { attempts: 3 } }), 'ecr', 'ecr us-east-1: socket hang up — the connection failed after 3 attempts'],
    [error('TimeoutError', '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 20000 ms requestTimeout.', { code: 'ETIMEDOUT', $metadata: { attempts: 2 } }), 'ecr',
      'ecr us-east-1: GetAuthorizationToken got no complete answer within 20 s, 2 attempts; check the network'],
    [error('TimeoutError', 'Socket timed out without establishing a connection within 10000 ms'), 'codeartifact', 'GetAuthorizationToken could not connect within 10 s, 5 attempts'],
    [error('AbortError', 'Request aborted'), 'ecr', 'ecr us-east-1: GetAuthorizationToken did not finish within the time limit; check the network'],
    [error('ValidationException', 'bad\n::save-state name=undo::[]\u001b[31m'), 'codeartifact', 'codeartifact us-east-1: ValidationException: bad ::save-state name=undo::[]\\u001b[31m'],
  ])('%s', (err, service, expected) => {
    const text = explainAwsError(err, { service, operation: 'GetAuthorizationToken', where: 'us-east-1', maxAttempts: 5 })
    expect(text).toContain(expected)
    expect(text).not.toMatch(/\n/)
  })
})
