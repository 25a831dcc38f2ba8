import {
  AdminReview,
  ApiErrorBody,
  GalleryItem,
  LoyaltyMe,
  LoyaltyProgram,
  Media,
  OrderSubmission,
  ProgramInput,
  Redemption,
  Refund,
  Review,
  ReviewPage,
  ReviewSubmission,
  Summary,
} from "@plaudit/contract";
import {
  type ConversionConfig,
  type JsonSchema,
  toJsonSchema,
  toJsonSchemaDefs,
} from "@valibot/to-json-schema";
import type * as v from "valibot";

// Contract schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect). The schemas named here become
// `#/components/schemas/<name>` and every use of them a `$ref`; the rest are written inline.

export const NAMED_SCHEMAS = {
  Error: ApiErrorBody,
  Summary,
  Media,
  Review,
  ReviewPage,
  ReviewInput: ReviewSubmission,
  GalleryItem,
  AdminReview,
  OrderInput: OrderSubmission,
  LoyaltyProgram,
  LoyaltyProgramSettings: ProgramInput,
  LoyaltyMe,
  Redemption,
  Refund,
} satisfies Record<string, v.GenericSchema>;

const config = (typeMode: "input" | "output"): ConversionConfig => ({
  target: "draft-2020-12",
  typeMode,
  errorMode: "throw",
  // Checks JSON Schema cannot express carry what it can in `metadata` (contract/fields.ts).
  // JSON has no Infinity or NaN, so `finite` needs no keyword.
  ignoreActions: ["check", "trim", "finite"],
  definitions: NAMED_SCHEMAS,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
});

/** One schema, for a request (`input`: defaults may be left out) or an answer (`output`). */
export function jsonSchemaOf(schema: v.GenericSchema, direction: "input" | "output"): JsonSchema {
  const { $schema: _dialect, $defs: _defs, ...rest } = toJsonSchema(schema, config(direction));
  return rest;
}

/** `components.schemas`: every named schema once. */
export function namedJsonSchemas(): Record<string, JsonSchema> {
  const { definitions: _named, ...rest } = config("input");
  return toJsonSchemaDefs(NAMED_SCHEMAS, {
    ...rest,
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  });
}
