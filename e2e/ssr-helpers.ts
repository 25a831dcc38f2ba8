// Helpers of the server-rendering browser tests: the SSR example shop as a child process, and
// offline structured-data validation (TOOLCHAIN.md: Adobe's validator with Google's rules).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import Validator from "@adobe/structured-data-validator";
import WebAutoExtractor from "@marbec/web-auto-extractor";
import { listeningUrl, repoRoot } from "./harness.ts";

export interface ShopServer {
  url: string;
  close(): Promise<void>;
}

/** examples/ssr-store on a free port, reading from the Plaudit server at `plauditUrl`. */
export async function startSsrStore(plauditUrl: string): Promise<ShopServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "examples/ssr-store/src/server.ts")],
    {
      cwd: repoRoot,
      env: { ...process.env, PLAUDIT_API: plauditUrl, PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const url = await listeningUrl(child, "ssr-store", 20_000);
  return {
    url,
    async close() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((done) => child.once("exit", done));
    },
  };
}

type Node = Record<string, unknown>;

export interface StructuredDataReport {
  /** Distinct Product nodes after merging by `@id` (what search engines see). */
  products: Node[];
  /** Product items in microdata (`itemscope itemtype="…/Product"`). */
  microdataProducts: Node[];
  /** Google-rule findings of ERROR severity, as "message (path)". */
  errors: string[];
}

/**
 * Validates a page's JSON-LD offline. Product objects that share an `@id` are one node in JSON-LD
 * (and to Google), but the validator checks objects one by one: merge them first, as a JSON-LD
 * processor (flattening) does, then validate the merged nodes.
 */
export async function validateStructuredData(html: string): Promise<StructuredDataReport> {
  const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ["rdfa", "microdata"] }).parse(
    html,
  );
  const products: Node[] = [];
  const byId = new Map<string, Node>();
  for (const node of (extracted.jsonld?.Product ?? []) as Node[]) {
    const id = node["@id"];
    const merged = typeof id === "string" ? byId.get(id) : undefined;
    if (merged) Object.assign(merged, node);
    else {
      const copy = { ...node };
      products.push(copy);
      if (typeof id === "string") byId.set(id, copy);
    }
  }
  const issues = await new Validator().validate({
    ...extracted,
    jsonld: { ...extracted.jsonld, Product: products },
  });
  const errors = issues
    .filter((issue) => issue.severity === "ERROR")
    .map((issue) => `${issue.issueMessage} (${JSON.stringify(issue.path)})`);
  const microdataProducts = ((extracted.microdata as Record<string, Node[]> | undefined)?.Product ??
    []) as Node[];
  return { products, microdataProducts, errors };
}
