import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../../src/bench/chromium.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/bench/chromium.js';

/** Whether Chromium is there for the browser test `what`; says so on the console when it is not. */
export function hasChromium(what: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  console.warn(`SKIPPED ${what}: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  return false;
}
