import { api, ok } from '../../api/client';

/**
 * Kakao and Naver login (authorization-code flow). The API makes the `state`; this tab keeps it in sessionStorage and
 * accepts a callback only with that same state, so a callback link made by someone else cannot log this browser into
 * their account (login CSRF). The state is used once.
 */
const STATE = 'madang.socialLogin';

export const socialProviders = ['kakao', 'naver'] as const;
export type SocialProvider = (typeof socialProviders)[number];

export function isSocialProvider(name: string): name is SocialProvider {
  return (socialProviders as readonly string[]).includes(name);
}

export function callbackUri(provider: SocialProvider): string {
  return `${location.origin}/auth/callback/${provider}`;
}

export async function startSocialLogin(provider: SocialProvider): Promise<void> {
  const started = await ok(
    api.POST('/v1/auth/social/{provider}/authorizations', {
      params: { path: { provider } },
      body: { redirectUri: callbackUri(provider) },
    }),
  );
  sessionStorage.setItem(STATE, JSON.stringify({ provider, state: started.state }));
  location.assign(started.authorizationUrl);
}

/** True when `state` is the one this tab started for `provider`; the saved state is gone afterwards either way. */
export function takeState(provider: string, state: string | undefined): boolean {
  const raw = sessionStorage.getItem(STATE);
  sessionStorage.removeItem(STATE);
  if (!raw || !state) return false;
  try {
    const saved = JSON.parse(raw) as { provider?: string; state?: string };
    return saved.provider === provider && saved.state === state;
  } catch {
    return false;
  }
}
