// The two offline structured-data tools ship no types; the little the tests use.
declare module "@adobe/structured-data-validator" {
  export interface ValidationIssue {
    severity: "ERROR" | "WARNING" | string;
    issueMessage?: string;
    path?: unknown;
  }
  export default class Validator {
    validate(extracted: unknown): Promise<ValidationIssue[]>;
  }
}

declare module "@marbec/web-auto-extractor" {
  export interface Extracted {
    jsonld?: Record<string, Record<string, unknown>[]>;
    [source: string]: unknown;
  }
  export default class WebAutoExtractor {
    constructor(options?: { addLocation?: boolean; embedSource?: string[] });
    parse(html: string): Extracted;
  }
}
