#!/usr/bin/env node
// Runs the TypeScript CLI through tsx in this same Node process (no npx: no orphaned children).
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
