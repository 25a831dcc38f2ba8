// Review submissions from several concurrent clients, remembering which ones the server
// acknowledged with 201: those are the ones it promised to keep.

export interface Acknowledged {
  id: string;
  productId: string;
  rating: number;
}

export interface ReviewLoad {
  acknowledged: Acknowledged[];
  /** Requests that failed without an answer (the process died under them): outcome unknown. */
  unanswered: number;
  /** Stops sending and waits for the clients to finish. */
  stop(): Promise<void>;
}

export function startReviewLoad(
  baseUrl: string,
  options: { clients: number; products: string[]; storeId: string },
): ReviewLoad {
  const load: ReviewLoad = { acknowledged: [], unanswered: 0, stop: async () => {} };
  let running = true;
  let sequence = 0;
  // Each load writes its own texts: a later round repeating an earlier one's text for another
  // product would be held by the spam rules (reviews/spam-rules.ts), not published.
  const run = Math.random().toString(36).slice(2, 10);
  const client = async (n: number) => {
    while (running) {
      const productId = options.products[(sequence + n) % options.products.length]!;
      const rating = (sequence++ % 5) + 1;
      try {
        const response = await fetch(
          `${baseUrl}/v1/stores/${options.storeId}/products/${productId}/reviews`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              rating,
              title: `Crash test ${sequence}`,
              body: `Written while the server may die at any moment (${run} ${sequence}).`,
              author: { name: "Loader", email: "loader@example.com" },
            }),
          },
        );
        const json = (await response.json()) as { review?: { id: string } };
        if (response.status === 201 && json.review)
          load.acknowledged.push({ id: json.review.id, productId, rating });
        else throw new Error(`submission answered ${response.status}: ${JSON.stringify(json)}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("submission answered")) throw error;
        load.unanswered++;
        // The server is gone: stop hammering a closed port.
        await new Promise((done) => setTimeout(done, 20));
      }
    }
  };
  const clients = Array.from({ length: options.clients }, (_, n) => client(n));
  load.stop = async () => {
    running = false;
    await Promise.all(clients);
  };
  return load;
}
