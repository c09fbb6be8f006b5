// The Step Functions service model of the bridge: state machines, executions, task tokens and history, on top
// of the aws-local-stepfunctions interpreter. server.mjs maps the JSON 1.0 API onto the methods of Bridge.
import crypto from 'node:crypto';
import { invokeLambda, parsePayload } from './lambda-invoke.mjs';
import { readReferencePath, replaceInStrings, toJsonText } from './paths.mjs';

/** A Step Functions API error: `type` becomes `__type` of the 400 response. */
export class ApiError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

// setTimeout cannot wait longer than 2^31-1 ms; longer timers are chained, interpreter-side ones are clamped.
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
const TOKEN_PREFIX = 'SFNB1';
const WAIT_RESOURCE = 'arn:aws:states:::sfn-bridge:wait';
const WRAP_PARAMETERS = '__sfnBridgeParameters';
const WRAP_INPUT = '__sfnBridgeInput';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const FAIL_STATE_DEFAULT_CAUSE = 'Execution failed because of a Fail state';
const CLOSED_TOKENS_KEPT = 100_000;
const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

const nowSeconds = () => Date.now() / 1000;

/** An error the interpreter must neither retry nor catch (like AWS's States.Runtime). */
function runtimeError(message) {
  return Object.assign(new Error(message), { name: 'States.Runtime', isRetryable: false, isCatchable: false });
}

/** Ends a pending task of a stopped or finished execution; unwinds the interpreter without Retry/Catch. */
function abortError() {
  return Object.assign(new Error('The execution was stopped'), {
    name: 'States.Aborted',
    isRetryable: false,
    isCatchable: false,
  });
}

/** A task failure that Retry and Catch match by name (Lambda errorType, SendTaskFailure error, ...). */
function taskError(name, cause) {
  const error = new Error(cause ?? '');
  error.name = name;
  return error;
}

/** Calls fn after ms milliseconds, also beyond setTimeout's limit. Returns a cancel function. */
function longTimeout(fn, ms) {
  let handle;
  let cancelled = false;
  const deadline = Date.now() + Math.max(0, ms);
  const arm = () => {
    const left = deadline - Date.now();
    handle = setTimeout(() => {
      if (cancelled) return;
      if (deadline - Date.now() > 0 && left > MAX_TIMER_MS) arm();
      else fn();
    }, Math.min(Math.max(0, left), MAX_TIMER_MS));
  };
  arm();
  return () => {
    cancelled = true;
    clearTimeout(handle);
  };
}

function childScopes(state) {
  if (state.Type === 'Parallel') return (state.Branches ?? []).map((branch) => branch.States ?? {});
  if (state.Type === 'Map') return [(state.ItemProcessor ?? state.Iterator ?? {}).States ?? {}];
  return [];
}

function classifyResource(resource) {
  if (resource === LAMBDA_INVOKE) return { kind: 'invoke', resourceType: 'lambda', resource: 'invoke' };
  if (resource === LAMBDA_INVOKE_CALLBACK) {
    return { kind: 'callback', resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };
  }
  if (LAMBDA_ARN.test(resource)) return { kind: 'function', resourceType: 'lambda', resource };
  return { kind: 'unsupported', resourceType: 'unknown', resource };
}

/** Features the interpreter would silently get wrong: refuse them at CreateStateMachine. */
function checkSupported(definition) {
  const problems = [];
  if (definition.QueryLanguage === 'JSONata') problems.push('QueryLanguage JSONata');
  const visit = (states) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      if (state.QueryLanguage === 'JSONata') problems.push(`QueryLanguage JSONata (state '${name}')`);
      for (const field of ['Assign', 'Arguments', 'Output', 'Items', 'ItemReader', 'ResultWriter', 'ItemBatcher',
        'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ToleratedFailureCountPath',
        'ToleratedFailurePercentagePath', 'Credentials']) {
        if (field in state) problems.push(`${field} (state '${name}')`);
      }
      for (const scope of childScopes(state)) visit(scope);
    }
  };
  visit(definition.States);
  if (problems.length > 0) {
    throw new ApiError('InvalidDefinition', `sfn-bridge does not support: ${problems.join(', ')}`);
  }
}

export class Bridge {
  /**
   * @param options.lib the aws-local-stepfunctions module
   * @param options.timeoutErrorClass the interpreter's (unexported) States.Timeout error class, see captureTimeoutErrorClass
   */
  constructor({ lib, timeoutErrorClass, region, account, lambdaEndpoint, waitScale = 1, retryScale = 1, log }) {
    this.lib = lib;
    this.TimeoutError = timeoutErrorClass;
    this.region = region;
    this.account = account;
    this.lambdaEndpoint = lambdaEndpoint;
    this.waitScale = waitScale;
    this.retryScale = retryScale;
    this.log = log ?? (() => {});
    this.machines = new Map(); // arn -> machine
    this.executions = new Map(); // arn -> execution
    this.tokens = new Map(); // token -> pending task
    this.closedTokens = new Map(); // token -> why it closed
    this.validated = new Map(); // canonical definition -> '' (valid) or the validator's message
    // $$.Task.Token resolves to this marker in the interpreter; a callback task swaps in its real token
    this.tokenPlaceholder = `sfn-bridge-task-token-${crypto.randomUUID()}`;
  }

  // ---------------------------------------------------------------- state machines

  stateMachineArn(name) {
    return `arn:aws:states:${this.region}:${this.account}:stateMachine:${name}`;
  }

  createStateMachine({ name, definition, roleArn, type }) {
    requireString(name, 'name');
    requireString(definition, 'definition');
    requireString(roleArn, 'roleArn');
    checkName(name);
    const machineType = type ?? 'STANDARD';
    if (machineType !== 'STANDARD' && machineType !== 'EXPRESS') {
      throw new ApiError('ValidationException', `type must be STANDARD or EXPRESS, not ${machineType}`);
    }
    const arn = this.stateMachineArn(name);
    const existing = this.machines.get(arn);
    const canonical = canonicalDefinition(definition);
    if (existing) {
      if (existing.canonical === canonical && existing.roleArn === roleArn && existing.type === machineType) {
        return { stateMachineArn: arn, creationDate: existing.creationDate };
      }
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const compiled = this.compile(definition);
    const machine = {
      arn, name, roleArn, type: machineType, definition, canonical, compiled,
      creationDate: nowSeconds(), revisionId: crypto.randomUUID(),
    };
    this.machines.set(arn, machine);
    return { stateMachineArn: arn, creationDate: machine.creationDate };
  }

  updateStateMachine({ stateMachineArn, definition, roleArn }) {
    const machine = this.machine(stateMachineArn);
    if (definition === undefined && roleArn === undefined) {
      throw new ApiError('MissingRequiredParameter', 'Either the definition or the roleArn must be specified');
    }
    if (definition !== undefined) {
      requireString(definition, 'definition');
      machine.compiled = this.compile(definition);
      machine.definition = definition;
      machine.canonical = canonicalDefinition(definition);
    }
    if (roleArn !== undefined) machine.roleArn = roleArn;
    machine.updateDate = nowSeconds();
    machine.revisionId = crypto.randomUUID();
    return { updateDate: machine.updateDate, revisionId: machine.revisionId };
  }

  deleteStateMachine({ stateMachineArn }) {
    this.machine(stateMachineArn);
    this.machines.delete(stateMachineArn);
    return {};
  }

  describeStateMachine({ stateMachineArn }) {
    return this.describeMachine(this.machine(stateMachineArn));
  }

  describeStateMachineForExecution({ executionArn }) {
    const execution = this.execution(executionArn);
    const described = this.describeMachine(execution.machine, execution.definition);
    delete described.status;
    delete described.type;
    delete described.creationDate;
    described.updateDate = execution.machine.updateDate ?? execution.machine.creationDate;
    return described;
  }

  describeMachine(machine, definition = machine.definition) {
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: machine.creationDate,
      revisionId: machine.revisionId,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  listStateMachines({ maxResults, nextToken }) {
    const all = [...this.machines.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: m.creationDate }));
    const page = paginate(all, maxResults, nextToken);
    return { stateMachines: page.items, nextToken: page.nextToken };
  }

  machine(arn) {
    requireString(arn, 'stateMachineArn');
    if (!arn.startsWith('arn:')) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = this.machines.get(arn);
    if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /**
   * Validates a definition and prepares the copy the interpreter runs:
   * - every Task gets a local handler (see runTask); its Parameters are wrapped so that the handler also sees the
   *   state's effective input (TimeoutSecondsPath and HeartbeatSecondsPath select from it), and its timeouts are
   *   enforced by the handler (the interpreter's own default is 60 s, unlike AWS);
   * - every Wait becomes a Task run by the bridge (scalable with SFN_WAIT_SCALE, no setTimeout overflow);
   * - Retry intervals are scaled with SFN_RETRY_SCALE.
   */
  compile(definitionText) {
    let definition;
    try {
      definition = JSON.parse(definitionText);
    } catch (error) {
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: not JSON: ${error.message}`);
    }
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new ApiError('InvalidDefinition', 'Invalid State Machine Definition: not a JSON object');
    }
    checkSupported(definition);
    // asl-validator builds a fresh Ajv per call (0.5-2 s on a busy 2-core box): remember the verdicts
    const canonical = JSON.stringify(definition);
    let verdict = this.validated.get(canonical);
    if (verdict === undefined) {
      try {
        new this.lib.StateMachine(structuredClone(definition)); // the validator adds fields to what it checks
        verdict = '';
      } catch (error) {
        verdict = error.message;
      }
      this.validated.set(canonical, verdict);
    }
    if (verdict !== '') {
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: ${verdict}`);
    }
    const runtime = structuredClone(definition);
    const states = new Map(); // name -> { type, def }
    const tasks = new Map(); // name -> task info
    const failErrors = new Set();
    const visit = (originalStates, runtimeStates) => {
      for (const [name, state] of Object.entries(originalStates)) {
        if (states.has(name)) {
          throw new ApiError('InvalidDefinition',
            `Invalid State Machine Definition: state name '${name}' is used more than once`);
        }
        states.set(name, { type: state.Type, def: state });
        const copy = runtimeStates[name];
        if (state.Type === 'Fail' && typeof state.Error === 'string') failErrors.add(state.Error);
        if (Array.isArray(copy.Retry) && this.retryScale !== 1) {
          for (const retrier of copy.Retry) {
            retrier.IntervalSeconds = (retrier.IntervalSeconds ?? 1) * this.retryScale;
            if (retrier.MaxDelaySeconds !== undefined) retrier.MaxDelaySeconds *= this.retryScale;
          }
        }
        if (state.Type === 'Task') {
          const info = { ...classifyResource(state.Resource), def: state, wrapped: false };
          if (copy.Parameters !== undefined) {
            copy.Parameters = { [WRAP_PARAMETERS]: copy.Parameters, [`${WRAP_INPUT}.$`]: '$' };
            info.wrapped = true;
          }
          delete copy.TimeoutSecondsPath;
          delete copy.HeartbeatSeconds;
          delete copy.HeartbeatSecondsPath;
          copy.TimeoutSeconds = MAX_TIMER_SECONDS;
          if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) {
            for (const handler of [...(copy.Retry ?? []), ...(copy.Catch ?? [])]) {
              if (handler.ErrorEquals?.includes('States.Timeout')) handler.ErrorEquals.push('States.HeartbeatTimeout');
            }
          }
          tasks.set(name, info);
        } else if (state.Type === 'Wait') {
          const task = { Type: 'Task', Resource: WAIT_RESOURCE, TimeoutSeconds: MAX_TIMER_SECONDS };
          for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
            if (field in state) task[field] = state[field];
          }
          runtimeStates[name] = task;
          tasks.set(name, { kind: 'wait', def: state, wrapped: false });
        }
        childScopes(state).forEach((scope, i) => visit(scope, childScopes(copy)[i]));
      }
    };
    visit(definition.States ?? {}, runtime.States ?? {});
    if (runtime.TimeoutSeconds !== undefined) {
      runtime.TimeoutSeconds = Math.min(runtime.TimeoutSeconds, MAX_TIMER_SECONDS);
    }
    const stateMachine = new this.lib.StateMachine(runtime, { validationOptions: { noValidate: true } });
    return { stateMachine, states, tasks, failErrors };
  }

  // ---------------------------------------------------------------- executions

  executionArn(machine, name) {
    return `arn:aws:states:${this.region}:${this.account}:execution:${machine.name}:${name}`;
  }

  startExecution({ stateMachineArn, name, input }) {
    const machine = this.machine(stateMachineArn);
    const executionName = name ?? crypto.randomUUID();
    checkName(executionName);
    const inputText = input ?? '{}';
    let inputValue;
    try {
      inputValue = JSON.parse(inputText);
    } catch (error) {
      throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${error.message}'`);
    }
    const arn = this.executionArn(machine, executionName);
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.canonicalInput === JSON.stringify(inputValue)) {
        return { executionArn: arn, startDate: existing.startDate };
      }
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = {
      arn, name: executionName, machine, definition: machine.definition, compiled: machine.compiled,
      input: inputText, canonicalInput: JSON.stringify(inputValue), status: 'RUNNING',
      startDate: nowSeconds(), stopDate: undefined, output: undefined, error: undefined, cause: undefined,
      history: [], pending: new Set(), closed: false,
    };
    this.executions.set(arn, execution);
    this.record(execution, 'ExecutionStarted', {
      executionStartedEventDetails: { input: inputText, inputDetails: { truncated: false }, roleArn: machine.roleArn },
    });
    const startTime = new Date(execution.startDate * 1000).toISOString();
    execution.context = {
      Execution: { Id: arn, Name: executionName, RoleArn: machine.roleArn, StartTime: startTime, Input: inputValue },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: { Token: this.tokenPlaceholder },
    };
    const handlers = {};
    for (const [stateName, info] of execution.compiled.tasks) {
      handlers[stateName] = (taskInput) => this.runTask(execution, stateName, info, taskInput);
    }
    try {
      execution.run = execution.compiled.stateMachine.run(inputValue, {
        overrides: { taskResourceLocalHandlers: handlers },
        context: execution.context,
      });
    } catch (error) {
      this.finish(execution, 'FAILED', { error: 'States.Runtime', cause: error.message });
      return { executionArn: arn, startDate: execution.startDate };
    }
    execution.drained = this.drainEvents(execution);
    execution.run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output }),
      (error) => this.finishWithError(execution, error),
    );
    return { executionArn: arn, startDate: execution.startDate };
  }

  finishWithError(execution, error) {
    const { ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } = this.lib;
    if (error instanceof ExecutionAbortedError) {
      this.finish(execution, 'ABORTED', {});
    } else if (error instanceof ExecutionTimeoutError) {
      this.finish(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
    } else {
      const failure = error instanceof ExecutionError && error.cause ? error.cause : error;
      let errorName = failure?.name;
      let cause = typeof failure?.message === 'string' ? failure.message : undefined;
      if (errorName === 'FailStateError' && !execution.compiled.failErrors.has('FailStateError')) {
        errorName = undefined; // a Fail state without Error
      }
      if (cause === FAIL_STATE_DEFAULT_CAUSE) cause = undefined;
      this.finish(execution, 'FAILED', { error: errorName || undefined, cause: cause || undefined });
    }
  }

  async finish(execution, status, { output, error, cause }) {
    if (execution.closed) return;
    execution.closed = true;
    if (execution.drained) {
      // let the interpreter's event log reach the history before the execution reports its end
      await Promise.race([execution.drained, new Promise((resolve) => setTimeout(resolve, 250))]);
    }
    if (execution.status !== 'RUNNING') return;
    execution.status = status;
    execution.stopDate = nowSeconds();
    execution.error = error;
    execution.cause = cause;
    for (const task of [...execution.pending]) task.fail(abortError());
    if (status === 'SUCCEEDED') {
      execution.output = toJsonText(output);
      this.record(execution, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: execution.output, outputDetails: { truncated: false } },
      });
    } else if (status === 'FAILED') {
      this.record(execution, 'ExecutionFailed', { executionFailedEventDetails: clean({ error, cause }) });
    } else if (status === 'TIMED_OUT') {
      this.record(execution, 'ExecutionTimedOut', { executionTimedOutEventDetails: clean({ error, cause }) });
    } else if (status === 'ABORTED') {
      this.record(execution, 'ExecutionAborted', { executionAbortedEventDetails: {} });
    }
    this.log(`execution ${execution.arn} ${status}${error ? ` (${error})` : ''}`);
  }

  stopExecution({ executionArn, error, cause }) {
    const execution = this.execution(executionArn);
    if (execution.status !== 'RUNNING') {
      return { stopDate: execution.stopDate };
    }
    execution.closed = true;
    execution.status = 'ABORTED';
    execution.stopDate = nowSeconds();
    execution.error = error || undefined;
    execution.cause = cause || undefined;
    try {
      execution.run?.abort();
    } catch (abortFailure) {
      this.log(`abort failed: ${abortFailure.message}`);
    }
    for (const task of [...execution.pending]) {
      if (task.fail(abortError())) {
        const type = execution.compiled.states.get(task.stateName)?.type ?? 'Task';
        this.record(execution, `${type}StateAborted`, {});
      }
    }
    this.record(execution, 'ExecutionAborted', { executionAbortedEventDetails: clean({ error, cause }) });
    return { stopDate: execution.stopDate };
  }

  describeExecution({ executionArn }) {
    const e = this.execution(executionArn);
    return clean({
      executionArn: e.arn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      stopDate: e.stopDate,
      input: e.input,
      inputDetails: { included: true },
      output: e.output,
      outputDetails: e.output === undefined ? undefined : { included: true },
      error: e.error,
      cause: e.cause,
    });
  }

  listExecutions({ stateMachineArn, statusFilter, maxResults, nextToken }) {
    const machine = this.machine(stateMachineArn);
    const all = [...this.executions.values()]
      .filter((e) => e.machine === machine && (!statusFilter || e.status === statusFilter))
      .reverse()
      .map((e) => clean({
        executionArn: e.arn, stateMachineArn: machine.arn, name: e.name, status: e.status,
        startDate: e.startDate, stopDate: e.stopDate,
      }));
    const page = paginate(all, maxResults, nextToken);
    return { executions: page.items, nextToken: page.nextToken };
  }

  getExecutionHistory({ executionArn, maxResults, reverseOrder, nextToken, includeExecutionData }) {
    const execution = this.execution(executionArn);
    let events = execution.history;
    if (reverseOrder) events = [...events].reverse();
    if (includeExecutionData === false) {
      events = events.map((event) => JSON.parse(JSON.stringify(event, (key, value) =>
        (key === 'input' || key === 'output' || key === 'parameters') ? undefined : value)));
    }
    const page = paginate(events, maxResults, nextToken);
    return { events: page.items, nextToken: page.nextToken };
  }

  execution(arn) {
    requireString(arn, 'executionArn');
    if (!arn.startsWith('arn:')) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const execution = this.executions.get(arn);
    if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  // ---------------------------------------------------------------- history

  record(execution, type, details) {
    const id = execution.history.length + 1;
    execution.history.push({ timestamp: nowSeconds(), type, id, previousEventId: id - 1, ...details });
  }

  async drainEvents(execution) {
    try {
      for await (const event of execution.run.eventLogs) this.recordInterpreterEvent(execution, event);
    } catch (error) {
      this.log(`event log of ${execution.arn} failed: ${error.message}`);
    }
  }

  recordInterpreterEvent(execution, event) {
    if (execution.status !== 'RUNNING') return; // a stopped execution's last interpreter events are stale
    const stateType = (state) => execution.compiled.states.get(state.name)?.type ?? state.type;
    switch (event.type) {
      case 'StateEntered':
        this.record(execution, `${stateType(event.state)}StateEntered`, {
          stateEnteredEventDetails: {
            name: event.state.name, input: toJsonText(event.state.input), inputDetails: { truncated: false },
          },
        });
        break;
      case 'StateExited':
        this.record(execution, `${stateType(event.state)}StateExited`, {
          stateExitedEventDetails: {
            name: event.state.name, output: toJsonText(event.state.output), outputDetails: { truncated: false },
          },
        });
        break;
      case 'StateFailed': {
        const type = stateType(event.state);
        if (type === 'Map' || type === 'Parallel') this.record(execution, `${type}StateFailed`, {});
        break;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `mapIteration${event.type.slice('MapIteration'.length)}EventDetails`;
        this.record(execution, event.type, { [key]: { name: event.parentState.name, index: event.index } });
        break;
      }
      default:
        // execution start and end are recorded by the bridge itself; branch, retry and catch events have no
        // counterpart in the Step Functions history
        break;
    }
  }

  // ---------------------------------------------------------------- tasks

  async runTask(execution, stateName, info, handlerInput) {
    if (execution.closed) throw abortError();
    const parameters = info.wrapped ? handlerInput?.[WRAP_PARAMETERS] : handlerInput;
    const effectiveInput = info.wrapped ? handlerInput?.[WRAP_INPUT] : handlerInput;
    // the interpreter calls this handler before its StateEntered event reaches the history: let it through first
    await new Promise((resolve) => setImmediate(resolve));
    if (execution.closed) throw abortError();
    const task = this.newTask(execution, stateName, info);
    try {
      if (info.kind === 'wait') {
        this.startWait(task, effectiveInput);
      } else if (info.kind === 'unsupported') {
        throw runtimeError(`sfn-bridge does not support the Task resource '${info.def.Resource}' (state `
          + `'${stateName}'); supported: ${LAMBDA_INVOKE}, ${LAMBDA_INVOKE_CALLBACK} and Lambda function ARNs`);
      } else {
        const timeoutSeconds = this.seconds(task, 'TimeoutSeconds', effectiveInput);
        task.heartbeatSeconds = info.kind === 'callback'
          ? this.seconds(task, 'HeartbeatSeconds', effectiveInput) : undefined;
        if (timeoutSeconds !== undefined) {
          task.timers.push(longTimeout(() => this.timeOut(task, 'States.Timeout'), timeoutSeconds * 1000));
        }
        if (info.kind === 'function') this.startFunction(task, parameters, timeoutSeconds);
        else this.startInvoke(task, parameters, timeoutSeconds);
      }
    } catch (error) {
      task.fail(error);
    }
    return task.promise;
  }

  newTask(execution, stateName, info) {
    const { promise, resolve, reject } = Promise.withResolvers();
    const task = { execution, stateName, info, settled: false, timers: [], token: undefined, promise };
    const settle = (ok, value, reason) => {
      if (task.settled) return false;
      task.settled = true;
      task.timers.forEach((cancel) => cancel());
      task.heartbeatCancel?.();
      execution.pending.delete(task);
      if (task.token) {
        this.tokens.delete(task.token);
        this.closedTokens.set(task.token, reason);
        if (this.closedTokens.size > CLOSED_TOKENS_KEPT) {
          this.closedTokens.delete(this.closedTokens.keys().next().value);
        }
      }
      if (ok) resolve(value);
      else reject(value);
      return true;
    };
    task.succeed = (value) => settle(true, value, 'succeeded');
    task.fail = (error) => settle(false, error, error?.name ?? 'failed');
    execution.pending.add(task);
    return task;
  }

  /** TimeoutSeconds / HeartbeatSeconds, or their *Path read from the state's effective input. */
  seconds(task, field, effectiveInput) {
    const def = task.info.def;
    let value = def[field];
    if (value === undefined && def[`${field}Path`] !== undefined) {
      try {
        value = readReferencePath(def[`${field}Path`], effectiveInput, task.execution.context);
      } catch (error) {
        throw runtimeError(`${field}Path of state '${task.stateName}': ${error.message}`);
      }
      if (!Number.isInteger(value) || value < 1) {
        throw runtimeError(`${field}Path '${def[`${field}Path`]}' of state '${task.stateName}' must select a `
          + `positive integer, found ${JSON.stringify(value)}`);
      }
    }
    return value;
  }

  timeOut(task, errorName) {
    const error = this.TimeoutError ? new this.TimeoutError() : taskError('States.Timeout', '');
    error.name = errorName;
    const cause = errorName === 'States.HeartbeatTimeout'
      ? `No heartbeat within ${task.heartbeatSeconds} s` : 'The task timed out';
    if (errorName === 'States.HeartbeatTimeout') error.message = cause;
    if (task.fail(error)) {
      if (task.info.kind === 'function') {
        this.record(task.execution, 'LambdaFunctionTimedOut', {
          lambdaFunctionTimedOutEventDetails: { error: errorName, cause },
        });
      } else {
        this.recordTask(task, 'TaskTimedOut', { error: errorName, cause });
      }
    }
  }

  recordTask(task, type, details) {
    const key = `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
    this.record(task.execution, type, {
      [key]: { resourceType: task.info.resourceType, resource: task.info.resource, ...details },
    });
  }

  /** arn:aws:states:::lambda:invoke and lambda:invoke.waitForTaskToken. */
  startInvoke(task, parameters, timeoutSeconds) {
    const callback = task.info.kind === 'callback';
    let effective = parameters;
    if (callback) {
      task.token = `${TOKEN_PREFIX}${crypto.randomBytes(48).toString('base64url')}`;
      effective = replaceInStrings(parameters, this.tokenPlaceholder, task.token);
      this.tokens.set(task.token, task);
    }
    if (effective === null || typeof effective !== 'object' || typeof effective.FunctionName !== 'string') {
      throw runtimeError(`state '${task.stateName}': Parameters.FunctionName must be a string`);
    }
    this.recordTask(task, 'TaskScheduled', clean({
      region: this.region,
      parameters: toJsonText(effective),
      timeoutInSeconds: timeoutSeconds,
      heartbeatInSeconds: task.heartbeatSeconds,
    }));
    this.recordTask(task, 'TaskStarted', {});
    if (callback && task.heartbeatSeconds !== undefined) this.heartbeat(task);
    const invocationType = effective.InvocationType ?? 'RequestResponse';
    invokeLambda(this.lambdaEndpoint, effective.FunctionName, effective.Payload, {
      invocationType,
      qualifier: effective.Qualifier,
      clientContext: effective.ClientContext,
    }).then(
      (response) => {
        if (response.functionError) {
          this.failTask(task, functionError(response));
          return;
        }
        const result = {
          ExecutedVersion: response.executedVersion,
          Payload: invocationType === 'RequestResponse' ? parsePayload(response.body) : '',
          SdkHttpMetadata: { HttpStatusCode: response.statusCode },
          SdkResponseMetadata: { RequestId: crypto.randomUUID() },
          StatusCode: response.statusCode,
        };
        if (callback) {
          if (!task.settled) this.recordTask(task, 'TaskSubmitted', { output: toJsonText(result) });
        } else if (task.succeed(result)) {
          this.recordTask(task, 'TaskSucceeded', { output: toJsonText(result) });
        }
      },
      (error) => this.failTask(task, error),
    );
  }

  failTask(task, error) {
    if (task.fail(error)) {
      this.recordTask(task, 'TaskFailed', clean({ error: error.name, cause: error.message }));
    }
  }

  /** A plain Lambda function ARN as the resource: the result is the function's output itself. */
  startFunction(task, parameters, timeoutSeconds) {
    const resource = task.info.def.Resource;
    this.record(task.execution, 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: clean({
        resource, input: toJsonText(parameters), inputDetails: { truncated: false }, timeoutInSeconds: timeoutSeconds,
      }),
    });
    this.record(task.execution, 'LambdaFunctionStarted', {});
    invokeLambda(this.lambdaEndpoint, resource, parameters === undefined ? null : parameters).then(
      (response) => {
        if (response.functionError) {
          const error = functionError(response);
          if (task.fail(error)) {
            this.record(task.execution, 'LambdaFunctionFailed', {
              lambdaFunctionFailedEventDetails: clean({ error: error.name, cause: error.message }),
            });
          }
          return;
        }
        const output = parsePayload(response.body);
        if (task.succeed(output)) {
          this.record(task.execution, 'LambdaFunctionSucceeded', {
            lambdaFunctionSucceededEventDetails: { output: toJsonText(output), outputDetails: { truncated: false } },
          });
        }
      },
      (error) => {
        if (task.fail(error)) {
          this.record(task.execution, 'LambdaFunctionFailed', {
            lambdaFunctionFailedEventDetails: clean({ error: error.name, cause: error.message }),
          });
        }
      },
    );
  }

  /** A Wait state, run by the bridge so that SFN_WAIT_SCALE applies to every kind of wait. */
  startWait(task, effectiveInput) {
    const def = task.info.def;
    let ms;
    const readPath = (field) => {
      try {
        return readReferencePath(def[field], effectiveInput, task.execution.context);
      } catch (error) {
        throw runtimeError(`${field} of state '${task.stateName}': ${error.message}`);
      }
    };
    const untilTimestamp = (text, field) => {
      const time = typeof text === 'string' ? Date.parse(text) : NaN;
      if (Number.isNaN(time)) {
        throw runtimeError(`${field} of state '${task.stateName}' is not an ISO-8601 timestamp: ${JSON.stringify(text)}`);
      }
      return time - Date.now();
    };
    if (def.Seconds !== undefined) {
      ms = def.Seconds * 1000;
    } else if (def.Timestamp !== undefined) {
      ms = untilTimestamp(def.Timestamp, 'Timestamp');
    } else if (def.SecondsPath !== undefined) {
      const seconds = readPath('SecondsPath');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw runtimeError(`SecondsPath '${def.SecondsPath}' of state '${task.stateName}' must select a `
          + `non-negative integer, found ${JSON.stringify(seconds)}`);
      }
      ms = seconds * 1000;
    } else if (def.TimestampPath !== undefined) {
      ms = untilTimestamp(readPath('TimestampPath'), 'TimestampPath');
    } else {
      ms = 0;
    }
    ms = Math.max(0, ms) * this.waitScale;
    task.timers.push(longTimeout(() => task.succeed(effectiveInput), ms));
  }

  heartbeat(task) {
    task.heartbeatCancel?.();
    task.heartbeatCancel = longTimeout(
      () => this.timeOut(task, 'States.HeartbeatTimeout'),
      task.heartbeatSeconds * 1000,
    );
  }

  // ---------------------------------------------------------------- callbacks

  pendingTask(token) {
    if (typeof token !== 'string' || token.length === 0) {
      throw new ApiError('InvalidToken', 'Invalid Token: the task token is missing');
    }
    const task = this.tokens.get(token);
    if (task) return task;
    if (this.closedTokens.has(token)) {
      throw new ApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    if (token.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]+$/.test(token.slice(TOKEN_PREFIX.length))) {
      throw new ApiError('TaskDoesNotExist', 'Task Does Not Exist: no task has this token');
    }
    throw new ApiError('InvalidToken', `Invalid Token: '${token.slice(0, 40)}'`);
  }

  sendTaskSuccess({ taskToken, output }) {
    const task = this.pendingTask(taskToken);
    requireString(output, 'output');
    let value;
    try {
      value = JSON.parse(output);
    } catch (error) {
      throw new ApiError('InvalidOutput', `Invalid Output: ${error.message}`);
    }
    if (task.succeed(value)) this.recordTask(task, 'TaskSucceeded', { output, outputDetails: { truncated: false } });
    return {};
  }

  sendTaskFailure({ taskToken, error, cause }) {
    const task = this.pendingTask(taskToken);
    const failure = taskError(error ?? '', cause ?? '');
    if (task.fail(failure)) this.recordTask(task, 'TaskFailed', clean({ error, cause }));
    return {};
  }

  sendTaskHeartbeat({ taskToken }) {
    const task = this.pendingTask(taskToken);
    if (task.heartbeatSeconds !== undefined) this.heartbeat(task);
    return {};
  }
}

/** The error a function reported (X-Amz-Function-Error): named by its errorType, its JSON as the cause. */
function functionError(response) {
  const payload = parsePayload(response.body);
  const type = payload && typeof payload === 'object' && typeof payload.errorType === 'string'
    ? payload.errorType : 'Lambda.Unknown';
  return taskError(type, response.body);
}

function requireString(value, field) {
  if (typeof value !== 'string') {
    throw new ApiError('ValidationException', `1 validation error detected: '${field}' must be a string`);
  }
}

function checkName(name) {
  if (!NAME_PATTERN.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
}

function canonicalDefinition(text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function clean(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null));
}

function paginate(items, maxResults, nextToken) {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  let start = 0;
  if (nextToken) {
    start = Number.parseInt(Buffer.from(String(nextToken), 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw new ApiError('InvalidToken', 'Invalid Token: bad nextToken');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
