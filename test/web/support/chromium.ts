// Debian's Chromium driven by playwright-core: never a downloaded browser. The flags are the
// ones verified on these machines (headless, no sandbox, SwiftShader WebGL 2).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export const hasChromium = existsSync(CHROMIUM_PATH);

export const INSTALL_HINT = `Chromium is not installed at ${CHROMIUM_PATH}: browser tests are skipped. Install it with: apt-get install -y chromium`;

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
