#!/usr/bin/env node
// sfn-bridge: a local AWS Step Functions endpoint (JSON 1.0 protocol, X-Amz-Target: AWSStepFunctions.<Op>)
// executing state machines with aws-local-stepfunctions. Task states call Lambda functions through the Lambda
// Invoke API at LAMBDA_ENDPOINT; .waitForTaskToken tasks wait for SendTaskSuccess / SendTaskFailure.
//
// Environment:
//   PORT (or first argument)  port to listen on, 127.0.0.1 (0 = any free port; the ready line names it)
//   LAMBDA_ENDPOINT           base URL of the Lambda Invoke API, e.g. http://127.0.0.1:9001
//   AWS_REGION                region in ARNs (default ap-northeast-2)
//   SFN_ACCOUNT_ID            account in ARNs (default 000000000000)
//   SFN_WAIT_SCALE            factor applied to Wait state durations (default 1; e.g. 0.01 in tests)
//   SFN_RETRY_SCALE           factor applied to Retry intervals (default: SFN_WAIT_SCALE)
//   SFN_BRIDGE_DEBUG=1        log every API call
//   SFN_BRIDGE_EXIT_ON_STDIN_EOF=1  exit when stdin closes (the parent process died)
// Prints "sfn-bridge listening on <port>" once ready.
import http from 'node:http';
import crypto from 'node:crypto';

// aws-local-stepfunctions 3.x needs Node 22's Promise.withResolvers; install it before the library loads.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const lib = await import('aws-local-stepfunctions');
const { Bridge, ApiError } = await import('./engine.mjs');

function numberFromEnv(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`sfn-bridge: ${name} must be a non-negative number, not '${text}'`);
    process.exit(2);
  }
  return value;
}

/**
 * The interpreter only keeps States.TaskFailed from matching a timeout when the error is an instance of its own
 * (unexported) StatesTimeoutError class. Obtain that class once by letting a 1 ms task time out.
 */
async function captureTimeoutErrorClass() {
  const machine = new lib.StateMachine(
    {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:x', TimeoutSeconds: 0.001, End: true } },
    },
    { validationOptions: { noValidate: true } },
  );
  const run = machine.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => {}) } } });
  try {
    await run.result;
  } catch (error) {
    const timeout = error?.cause;
    if (timeout?.name === 'States.Timeout') return timeout.constructor;
  }
  console.error('sfn-bridge: could not capture the States.Timeout error class; States.TaskFailed may match timeouts');
  return undefined;
}

const port = Number(process.env.PORT ?? process.argv[2] ?? 0);
const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'ap-northeast-2';
const account = process.env.SFN_ACCOUNT_ID || '000000000000';
const lambdaEndpoint = process.env.LAMBDA_ENDPOINT || 'http://127.0.0.1:9001';
const waitScale = numberFromEnv('SFN_WAIT_SCALE', 1);
const retryScale = numberFromEnv('SFN_RETRY_SCALE', waitScale);
const debug = process.env.SFN_BRIDGE_DEBUG === '1' || process.env.SFN_BRIDGE_DEBUG === 'true';

const bridge = new Bridge({
  lib,
  timeoutErrorClass: await captureTimeoutErrorClass(),
  region,
  account,
  lambdaEndpoint,
  waitScale,
  retryScale,
  log: debug ? (line) => console.log(`sfn-bridge: ${line}`) : () => {},
});

const operations = {
  CreateStateMachine: (body) => bridge.createStateMachine(body),
  UpdateStateMachine: (body) => bridge.updateStateMachine(body),
  DeleteStateMachine: (body) => bridge.deleteStateMachine(body),
  DescribeStateMachine: (body) => bridge.describeStateMachine(body),
  DescribeStateMachineForExecution: (body) => bridge.describeStateMachineForExecution(body),
  ListStateMachines: (body) => bridge.listStateMachines(body),
  StartExecution: (body) => bridge.startExecution(body),
  StopExecution: (body) => bridge.stopExecution(body),
  DescribeExecution: (body) => bridge.describeExecution(body),
  ListExecutions: (body) => bridge.listExecutions(body),
  GetExecutionHistory: (body) => bridge.getExecutionHistory(body),
  SendTaskSuccess: (body) => bridge.sendTaskSuccess(body),
  SendTaskFailure: (body) => bridge.sendTaskFailure(body),
  SendTaskHeartbeat: (body) => bridge.sendTaskHeartbeat(body),
};

function reply(res, status, payload) {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

const server = http.createServer(async (req, res) => {
  const chunks = [];
  try {
    for await (const chunk of req) chunks.push(chunk);
  } catch {
    return; // client went away
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : undefined;
  const handler = operation && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  if (req.method !== 'POST' || !handler) {
    reply(res, 400, { __type: 'UnknownOperationException', message: `sfn-bridge does not support '${req.method} ${target}'` });
    return;
  }
  let body;
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    reply(res, 400, { __type: 'SerializationException', message: `request body is not JSON: ${error.message}` });
    return;
  }
  try {
    const result = handler(body ?? {});
    if (debug) console.log(`sfn-bridge: ${operation} -> ok`);
    reply(res, 200, result ?? {});
  } catch (error) {
    if (error instanceof ApiError) {
      if (debug) console.log(`sfn-bridge: ${operation} -> ${error.type}: ${error.message}`);
      reply(res, 400, { __type: error.type, message: error.message });
    } else {
      console.error(`sfn-bridge: ${operation} failed`, error);
      reply(res, 500, { __type: 'InternalFailure', message: String(error?.message ?? error) });
    }
  }
});

// clients (HttpURLConnection: 5 s) should drop idle connections before the server does
server.keepAliveTimeout = 30_000;
server.headersTimeout = 35_000;

server.on('error', (error) => {
  console.error(`sfn-bridge: cannot listen on 127.0.0.1:${port}: ${error.code ?? ''} ${error.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`sfn-bridge listening on ${server.address().port}`);
});

if (process.env.SFN_BRIDGE_EXIT_ON_STDIN_EOF === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
