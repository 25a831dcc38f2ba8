// How long a test waits for something it expects to happen (Testing Library's waitFor/findBy* in
// the dom project, expect.poll in every project) before calling it a failure. Not a timing
// assertion: each wait ends as soon as its condition holds. The defaults (1 s) are shorter than a
// render or a page load takes on a busy two-core machine.
export const WAIT_FOR_MS = 15_000;
