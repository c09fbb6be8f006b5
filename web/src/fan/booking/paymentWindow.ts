import { config } from '../../config';

export type PaymentRequest = {
  orderId: string;
  amount: number;
  orderName: string;
  method: 'CARD' | 'VIRTUAL_ACCOUNT';
  customerName?: string;
  /** The PG's name for the buyer: the account id (Toss: 2-50 characters, a ULID fits). */
  customerKey: string;
};

export class NoPaymentWindow extends Error {}

/**
 * Opens the PG's payment window for an order. It leaves this page: the PG comes back to /checkout/success with
 * paymentKey, orderId and amount, or to /checkout/fail with its code and message.
 */
export async function openPaymentWindow(request: PaymentRequest): Promise<void> {
  const site = config();
  const successUrl = `${location.origin}/checkout/success`;
  const failUrl = `${location.origin}/checkout/fail`;
  if (site.tossCheckoutUrl) {
    // the local Toss sandbox: a plain GET that redirects straight back
    const query = new URLSearchParams({
      orderId: request.orderId,
      amount: String(request.amount),
      orderName: request.orderName,
      method: request.method,
      successUrl,
      failUrl,
    });
    if (request.customerName) query.set('customerName', request.customerName);
    location.assign(`${site.tossCheckoutUrl}?${query}`);
    return;
  }
  if (site.tossClientKey) {
    return tossStandard(site.tossClientKey, request, successUrl, failUrl);
  }
  throw new NoPaymentWindow('no payment window is configured');
}

/** The little of Toss Payments' v2 standard SDK that is used here (the SDK ships no types to install). */
type TossPaymentsSdk = (clientKey: string) => {
  payment(options: { customerKey: string }): {
    requestPayment(options: {
      method: 'CARD' | 'VIRTUAL_ACCOUNT';
      amount: { currency: 'KRW'; value: number };
      orderId: string;
      orderName: string;
      customerName?: string;
      successUrl: string;
      failUrl: string;
    }): Promise<void>;
  };
};

const SDK_URL = 'https://js.tosspayments.com/v2/standard';

/**
 * Deployed: Toss Payments' v2 standard payment window. Not exercised by any test here (the local stack and the browser
 * tests use the sandbox's redirect above, and Toss's script cannot be loaded offline), so it is kept to this one
 * function that does exactly what Toss documents. On a desktop the SDK rejects when the fan closes its window instead
 * of redirecting: that is sent to the fail page like the redirect would be.
 */
async function tossStandard(clientKey: string, r: PaymentRequest, successUrl: string, failUrl: string): Promise<void> {
  const TossPayments = await loadSdk();
  try {
    await TossPayments(clientKey)
      .payment({ customerKey: r.customerKey })
      .requestPayment({
        method: r.method,
        amount: { currency: 'KRW', value: r.amount },
        orderId: r.orderId,
        orderName: r.orderName,
        customerName: r.customerName,
        successUrl,
        failUrl,
      });
  } catch (e) {
    const error = e as { code?: string; message?: string };
    const query = new URLSearchParams({
      code: error.code ?? 'PAY_PROCESS_ABORTED',
      message: error.message ?? '',
      orderId: r.orderId,
    });
    location.assign(`${failUrl}?${query}`);
  }
}

let sdk: Promise<TossPaymentsSdk> | null = null;

function loadSdk(): Promise<TossPaymentsSdk> {
  sdk ??= new Promise<TossPaymentsSdk>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.onload = () => resolve((window as unknown as { TossPayments: TossPaymentsSdk }).TossPayments);
    script.onerror = () => {
      sdk = null;
      reject(new Error('the Toss Payments script did not load'));
    };
    document.head.appendChild(script);
  });
  return sdk;
}
