// Entry chunk the loader imports first for the kinds it paints before their code loads
// (docs/widget-contract.md, "Painted first"). It must not import Preact, the store or the client.
export { paint } from "../paint/paint.ts";
