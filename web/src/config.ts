/**
 * What differs between deployments, read at start from /config.json (written beside the client by the release step,
 * and by the local runner and tests with the sandboxes' addresses): never baked into the build, so one build serves
 * every stage.
 */
export type SiteConfig = {
  /** Toss Payments: the client key of the payment widget (deployed); absent locally. */
  tossClientKey?: string;
  /** Locally: the Toss sandbox's payment window (GET with orderId, amount, successUrl, failUrl, orderName, method). */
  tossCheckoutUrl?: string;
  /** PortOne 본인인증: store and channel key (deployed); absent locally. */
  portOneStoreId?: string;
  portOneChannelKey?: string;
  /** Locally: the PortOne sandbox's verification window (GET with redirectUrl); it comes back with identityVerificationId. */
  identityVerificationUrl?: string;
  /** Which social logins to offer: "kakao", "naver". */
  socialProviders?: string[];
};

let loaded: SiteConfig | null = null;

export async function loadConfig(): Promise<SiteConfig> {
  if (!loaded) {
    try {
      const r = await fetch('/config.json', { cache: 'no-cache' });
      loaded = r.ok ? await r.json() : {};
    } catch {
      loaded = {};
    }
  }
  return loaded!;
}

export function config(): SiteConfig {
  return loaded ?? {};
}
