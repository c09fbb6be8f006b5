import { config } from '../../config';

/**
 * 본인인증 (identity verification) in the browser, shared by sign-up and "my page". The client names the verification
 * (`identity-verification-<uuid>`), the person verifies with their carrier in PortOne's window, and the window comes
 * back to `returnPath?identityVerificationId=<id>`, or with `&code=…&message=…` added when they gave up. The server
 * then reads the verification from PortOne itself; the id only says which one.
 */
const PENDING = 'madang.identityVerification';

type Pending = { id: string; next?: string };

export type VerificationReturn =
  | { kind: 'none' }
  | { kind: 'verified'; id: string; next?: string }
  | { kind: 'failed'; message: string; next?: string }
  /** An id this tab did not start: a link someone else made, which must not tie their verification to this account. */
  | { kind: 'foreign' };

/** Starts a verification that comes back to `returnPath` (a path on this site); `next` survives the round trip. */
export async function startIdentityVerification(returnPath: string, next?: string): Promise<void> {
  const id = `identity-verification-${crypto.randomUUID()}`;
  sessionStorage.setItem(PENDING, JSON.stringify({ id, next } satisfies Pending));
  const redirectUrl = location.origin + returnPath;
  const { identityVerificationUrl, portOneStoreId, portOneChannelKey } = config();
  if (identityVerificationUrl) {
    const join = identityVerificationUrl.includes('?') ? '&' : '?';
    location.assign(
      `${identityVerificationUrl}${join}identityVerificationId=${encodeURIComponent(id)}&redirectUrl=${encodeURIComponent(redirectUrl)}`,
    );
    return;
  }
  if (portOneStoreId && portOneChannelKey) {
    await viaPortOne(portOneStoreId, portOneChannelKey, id, redirectUrl);
    return;
  }
  throw new Error('identity verification is not configured');
}

/** Reads what the verification window brought back in the query; the pending id stays until `finished()`. */
export function verificationReturn(query: Record<string, string>): VerificationReturn {
  const pending = readPending();
  // giving up keeps where the person was headed, for the next attempt
  if (query.code) return { kind: 'failed', message: query.message || query.code, next: pending?.next };
  const id = query.identityVerificationId;
  if (!id) return { kind: 'none' };
  if (!pending || pending.id !== id) return { kind: 'foreign' };
  return { kind: 'verified', id, next: pending.next };
}

/** Forgets the pending verification once the server has used it (or it is no use any more). */
export function finished(): void {
  sessionStorage.removeItem(PENDING);
}

function readPending(): Pending | null {
  try {
    const raw = sessionStorage.getItem(PENDING);
    return raw ? (JSON.parse(raw) as Pending) : null;
  } catch {
    return null;
  }
}

type PortOneResponse = { identityVerificationId?: string; code?: string; message?: string } | undefined;
type PortOneSdk = {
  requestIdentityVerification(request: {
    storeId: string;
    identityVerificationId: string;
    channelKey: string;
    redirectUrl: string;
  }): Promise<PortOneResponse>;
};

/**
 * The deployed path: PortOne's browser SDK, loaded only when someone verifies. Nothing here can run against the local
 * sandbox (which stands in for PortOne's window, not its SDK), so it is untested and kept to this one function. On a
 * phone the SDK leaves for `redirectUrl` itself; on a desktop it answers here, and this goes to the same address the
 * redirect would, so one code path reads every outcome.
 */
async function viaPortOne(storeId: string, channelKey: string, identityVerificationId: string, redirectUrl: string) {
  await loadScript('https://cdn.portone.io/v2/browser-sdk.js');
  const portOne = (window as unknown as { PortOne?: PortOneSdk }).PortOne;
  if (!portOne) throw new Error('PortOne SDK did not load');
  const response = await portOne.requestIdentityVerification({ storeId, identityVerificationId, channelKey, redirectUrl });
  const back = new URL(redirectUrl);
  back.searchParams.set('identityVerificationId', identityVerificationId);
  if (response?.code) {
    back.searchParams.set('code', response.code);
    back.searchParams.set('message', response.message ?? '');
  }
  location.assign(back.toString());
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector<HTMLScriptElement>(`script[src="${src}"]`);
    if (existing?.dataset.loaded) return resolve();
    const script = existing ?? document.createElement('script');
    script.addEventListener('load', () => {
      script.dataset.loaded = 'true';
      resolve();
    });
    script.addEventListener('error', () => reject(new Error(`could not load ${src}`)));
    if (!existing) {
      script.src = src;
      document.head.appendChild(script);
    }
  });
}
