#!/usr/bin/env node
// cloudfront-functions: runs the CloudFront Functions of template.yaml (AWS::CloudFront::Function, FunctionCode as
// written) for the CloudFront stand-in (CloudFrontStandIn.java), so that the JavaScript deployed to CloudFront is the
// JavaScript that runs locally and in tests, not a Java imitation of it.
//
// POST /invocations  {"name": "<logical id>", "code": "<FunctionCode>", "event": {...CloudFront Functions event...}}
//   -> 200 {"result": <what handler(event) returned, awaited>}
//   -> 200 {"error": "<message>"}  the code does not compile, defines no handler, throws, or takes over a second
//
// Each function runs in its own vm context, compiled once per (name, code). What the context offers is a small
// part of the cloudfront-js-2.0 runtime: console, and require() of 'crypto', 'querystring' and 'buffer'. Node runs
// a superset of that runtime's JavaScript, so code CloudFront would reject (a module it lacks, a syntax it does
// not support) may run here; key value stores ('cloudfront' module) and CloudFront's compute limits are not
// imitated.
//
// Environment: PORT (0 = any free port; the ready line names it), CLOUDFRONT_FUNCTIONS_EXIT_ON_STDIN_EOF=1 (exit
// when the parent process dies). Prints "cloudfront-functions listening on <port>" once ready.
import http from 'node:http';
import vm from 'node:vm';
import crypto from 'node:crypto';
import querystring from 'node:querystring';
import { Buffer } from 'node:buffer';

const TIMEOUT_MS = 1000;
const MAX_BODY = 1024 * 1024;
const MODULES = { crypto, querystring, buffer: { Buffer } };
const compiled = new Map(); // name -> { code, context }

function compile(name, code) {
  const cached = compiled.get(name);
  if (cached && cached.code === code) return cached.context;
  const context = vm.createContext({
    console,
    require(id) {
      if (Object.prototype.hasOwnProperty.call(MODULES, id)) return MODULES[id];
      throw new Error(`module '${id}' is not available to CloudFront Functions here (crypto, querystring, buffer)`);
    },
  });
  new vm.Script(code, { filename: `${name}.js` }).runInContext(context, { timeout: TIMEOUT_MS });
  if (typeof context.handler !== 'function') {
    throw new Error(`${name}: the function code defines no top-level function handler(event)`);
  }
  compiled.set(name, { code, context });
  return context;
}

async function invoke(name, code, event) {
  const context = compile(name, code);
  context.__madangEvent = event;
  // the synchronous part under vm's timeout; an async handler's promise gets the same limit below
  const returned = new vm.Script('handler(__madangEvent)', { filename: `${name}-invoke.js` })
    .runInContext(context, { timeout: TIMEOUT_MS });
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: the handler took over ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve(returned), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/invocations') {
    reply(res, 404, { error: 'POST /invocations only' });
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', async () => {
    if (size > MAX_BODY) {
      reply(res, 413, { error: 'request too large' });
      return;
    }
    let request;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      reply(res, 400, { error: `not JSON: ${error.message}` });
      return;
    }
    try {
      const result = await invoke(String(request.name), String(request.code), request.event);
      reply(res, 200, { result: result === undefined ? null : result });
    } catch (error) {
      reply(res, 200, { error: String(error?.stack ?? error) });
    }
  });
});

server.keepAliveTimeout = 30_000;
server.headersTimeout = 35_000;
server.on('error', (error) => {
  console.error(`cloudfront-functions: cannot listen: ${error.code ?? ''} ${error.message}`);
  process.exit(1);
});
server.listen(Number(process.env.PORT ?? process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`cloudfront-functions listening on ${server.address().port}`);
});

if (process.env.CLOUDFRONT_FUNCTIONS_EXIT_ON_STDIN_EOF === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
