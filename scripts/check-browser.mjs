// Runs before the browser tests: says clearly which browser they will use, or how to get one.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.env.CHROMIUM_PATH && !existsSync(path)) {
  console.error(`CHROMIUM_PATH is set to ${path}, which does not exist.`);
  process.exit(1);
}
if (!existsSync(path)) {
  console.warn('No Chromium at /usr/bin/chromium and CHROMIUM_PATH is not set: using Playwright\'s own browser if installed.');
  console.warn('Install one with `apt-get install -y chromium` (Debian/Ubuntu) or point CHROMIUM_PATH at a Chrome/Chromium binary.');
} else {
  console.log(`Browser tests run in ${path}`);
}
