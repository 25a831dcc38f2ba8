import { expect } from "vitest";

// The data the worker-process tests give their `plaudit-server worker`s: made through the admin
// API of an app in the test's own process, on the database the workers read.

export type AdminCall = (method: string, path: string, body: unknown) => Promise<void>;

/** Admin API calls to `app` as the store `secretKey` opens; each must succeed. */
export function adminCalls(
  app: { fetch(request: Request): Response | Promise<Response> },
  publicUrl: string,
  secretKey: string,
): AdminCall {
  return async (method, path, body) => {
    const res = await app.fetch(
      new Request(`${publicUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  };
}

/** Review requests on, due as soon as an order is fulfilled. */
export const enableRequests = (call: AdminCall, reminderDays = 0) =>
  call("PUT", "/v1/admin/review-requests/settings", {
    enabled: true,
    delayDays: 0,
    reminderDays,
    from: { name: "Shop", email: "hello@shop.example" },
  });

/** An order fulfilled a minute ago: its review request, to `email`, is due now. */
export const fulfilledOrder = (call: AdminCall, orderId: string, email: string) =>
  call("POST", "/v1/admin/orders", {
    orderId,
    customerId: `c-${orderId}`,
    email,
    total: 10,
    currency: "EUR",
    items: [{ productId: "tee", quantity: 1, price: 10 }],
    fulfilledAt: new Date(Date.now() - 60_000).toISOString(),
  });
