// The first step of npm test (and of .ci/run): the three engines the tests run in, from Debian's
// packages (no tool here can download a browser of its own). What is missing is installed when this
// can (as root, with apt-get); otherwise it stops at once, naming what to install.
// Needs nothing from node_modules: .ci/run calls it before npm ci.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './chromium.mjs';
import { FIREFOX } from './engines.mjs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Debian's package for each engine that this machine lacks. */
function missingEngines() {
  const engines = [
    ['chromium', existsSync(CHROMIUM.executablePath)],
    ['firefox-esr', existsSync(FIREFOX.executablePath)],
    ['webkit2gtk-driver', onPath('WebKitWebDriver')],
    ['xvfb', onPath('Xvfb')],
  ];
  return engines.filter(([, present]) => !present).map(([name]) => name);
}

let missing = missingEngines();
if (missing.length > 0 && process.getuid?.() === 0 && onPath('apt-get')) {
  console.log(`--- installing ${missing.join(' ')} from Debian: the tests run in Chromium, Firefox and WebKit`);
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update', '-qq'], quiet);
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], quiet);
  missing = missingEngines();
}
if (missing.length > 0) {
  console.error(
    `The tests run in Chromium, Firefox and WebKit, and this machine lacks ${missing.join(', ')}. ` +
      `Install them (on Debian: sudo apt-get install -y ${missing.join(' ')}), ` +
      `or point CHROME_PATH and FIREFOX_PATH at browsers you have (now ${CHROMIUM.executablePath} and ${FIREFOX.executablePath}).`,
  );
  process.exit(1);
}
