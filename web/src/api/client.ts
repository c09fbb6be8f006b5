import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from './session';

/**
 * The one way the client talks to the API: typed by the generated `paths` (from web/openapi.json, a copy of the API's
 * /q/openapi kept current by the API's OpenApiContractTest), same origin (CloudFront sends /v1/* to the API).
 */
export const api = createClient<paths>({ baseUrl: '' });

/** An RFC 9457 problem the API answered (every 4xx/5xx is one), or a network failure shaped as one. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: { field?: string; reason?: string; [k: string]: unknown }[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  /** The last path segment of the problem type: `hold-expired`, `seat-taken`, ... (docs/api.md lists them). */
  get code(): string {
    return this.type.split('/').pop() ?? this.type;
  }
}

export async function toProblem(response: Response, parsed?: unknown): Promise<Problem> {
  let body: Record<string, unknown> = {};
  if (parsed !== null && typeof parsed === 'object') {
    // openapi-fetch has read the body already and hands it over as `error`
    body = parsed as Record<string, unknown>;
  } else {
    try {
      body = await response.clone().json();
    } catch {
      // not JSON: a proxy's page, say
    }
  }
  return new Problem(
    response.status,
    String(body.type ?? 'about:blank'),
    String(body.title ?? response.statusText ?? 'Error'),
    body.detail as string | undefined,
    (body.errors as Problem['errors']) ?? [],
    body,
  );
}

/** An untouched copy of each signed request, to repeat it once after a refresh: fetch has spent the original's body. */
const replays = new WeakMap<Request, Request>();

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await session.accessToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    if (request.headers.has('Authorization')) replays.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    // An access token lapses after 15 minutes: refresh once (single-flight) and repeat the request.
    const replay = replays.get(request);
    if (response.status === 401 && replay && (await session.refresh())) {
      replay.headers.set('Authorization', `Bearer ${await session.accessToken()}`);
      return fetch(replay);
    }
    return response;
  },
};
api.use(auth);

/**
 * Unwraps an openapi-fetch answer: the data, or throws the Problem. `const hold = await ok(api.POST('/v1/holds', …))`.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw await toProblem(response, error);
  }
  return data as T;
}

/** A fresh Idempotency-Key per user action (docs/api.md): a retried click answers the same hold, never a second. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
