// The dom project's setup (vite.config.ts). Testing Library's waitFor/findBy* give up after 1 s by
// default: on a machine whose two cores run two test files and a browser, a render can take
// longer than that, and a correct widget failed. They return as soon as the condition holds, so a
// longer limit costs nothing when the code is right and proves nothing less.
import { configure } from "@testing-library/preact";
import { WAIT_FOR_MS } from "../../../scripts/test-waits.mjs";

configure({ asyncUtilTimeout: WAIT_FOR_MS });
