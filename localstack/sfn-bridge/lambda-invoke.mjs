// Calls the Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations) of a local Lambda stand-in.
import http from 'node:http';
import https from 'node:https';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Splits a function reference as Step Functions accepts it: a plain name, `name:qualifier`, a partial ARN
 * `account:function:name[:qualifier]` or a full ARN `arn:aws:lambda:region:account:function:name[:qualifier]`.
 */
export function parseFunctionRef(ref) {
  const parts = String(ref).split(':');
  let name;
  let qualifier;
  if (parts[0] === 'arn' || parts[0].startsWith('arn')) {
    // arn:partition:lambda:region:account:function:name[:qualifier]
    name = parts[6];
    qualifier = parts[7];
  } else if (parts.length >= 3 && parts[1] === 'function') {
    name = parts[2];
    qualifier = parts[3];
  } else {
    name = parts[0];
    qualifier = parts[1];
  }
  if (!name) {
    throw new Error(`not a Lambda function name or ARN: ${ref}`);
  }
  return { name, qualifier: qualifier || undefined };
}

/** An error raised by the Lambda service itself (not by the function): named like Step Functions names them. */
export class LambdaServiceError extends Error {
  constructor(type, message) {
    super(message);
    this.name = `Lambda.${type}`;
  }
}

/**
 * Invokes a function. Resolves with { statusCode, body (text), functionError (or undefined), executedVersion };
 * rejects with a LambdaServiceError when the service answers with an error status or cannot be reached.
 */
export function invokeLambda(endpoint, functionRef, payload, options = {}) {
  const { name, qualifier: refQualifier } = parseFunctionRef(functionRef);
  const qualifier = options.qualifier ?? refQualifier;
  const base = new URL(endpoint);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${basePath}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, base);
  if (qualifier) {
    url.searchParams.set('Qualifier', qualifier);
  }
  const body = Buffer.from(JSON.stringify(payload === undefined ? {} : payload), 'utf8');
  const headers = {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-amz-invocation-type': options.invocationType ?? 'RequestResponse',
  };
  if (options.clientContext) {
    headers['x-amz-client-context'] = options.clientContext;
  }
  const client = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? httpsAgent : httpAgent;
  return send(client, url, headers, agent, body, true);
}

function send(client, url, headers, agent, body, mayRetry) {
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: 'POST', headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', (error) => reject(new LambdaServiceError('SdkClientException', error.message)));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status >= 400) {
          let type = response.headers['x-amzn-errortype'];
          let message = text;
          try {
            const parsed = JSON.parse(text);
            type ??= parsed.__type ?? parsed.code;
            message = parsed.message ?? parsed.Message ?? text;
          } catch {
            // not JSON: keep the raw text
          }
          type = String(type ?? (status === 404 ? 'ResourceNotFoundException' : 'ServiceException'))
            .split(':')[0]
            .split('#')
            .pop();
          reject(new LambdaServiceError(type, `${type}: ${message} (HTTP ${status} from ${url.href})`));
          return;
        }
        resolve({
          statusCode: status,
          body: text,
          functionError: response.headers['x-amz-function-error'],
          executedVersion: response.headers['x-amz-executed-version'] ?? '$LATEST',
        });
      });
    });
    request.on('error', (error) => {
      // a kept-alive connection the server closed while idle: the request never reached it, send it again
      if (mayRetry && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        send(client, url, headers, agent, body, false).then(resolve, reject);
        return;
      }
      reject(new LambdaServiceError('SdkClientException', `cannot reach Lambda at ${url.href}: ${error.message}`));
    });
    request.end(body);
  });
}

/** Parses a function's response body: JSON when it is JSON, the raw text otherwise, null when empty. */
export function parsePayload(text) {
  if (text === undefined || text === null || text === '') {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
