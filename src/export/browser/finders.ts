/**
 * One finder per place a Chromium-family browser can come from (as marp-cli does), tried in
 * order: an explicit environment override, Playwright's own download, then the system's.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for messages: `CHROME_PATH`, `playwright`, `system`. */
  source: string;
}

export type BrowserFinder = () => FoundBrowser | null;

export const ENV_VARIABLES = ['CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `CHROME_PATH` or `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`. A set but wrong path is an error, not a skip. */
export function envFinder(env: NodeJS.ProcessEnv = process.env): BrowserFinder {
  return () => {
    for (const name of ENV_VARIABLES) {
      const value = env[name];
      if (!value) continue;
      if (!isExecutable(value)) {
        throw new Error(`${name} is set to "${value}", which is not an executable file. Fix or unset ${name}.`);
      }
      return { executablePath: value, source: name };
    }
    return null;
  };
}

/** The browser `npx playwright install chromium` downloads, when it is there. */
export function playwrightFinder(executablePath: () => string): BrowserFinder {
  return () => {
    try {
      const file = executablePath();
      return file && existsSync(file) ? { executablePath: file, source: 'playwright' } : null;
    } catch {
      return null;
    }
  };
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'];

const SYSTEM_PATHS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
};

/** Well-known install locations, then the same names on `PATH`. */
export function systemFinder(platform: NodeJS.Platform = process.platform, envPath = process.env.PATH ?? ''): BrowserFinder {
  return () => {
    for (const file of SYSTEM_PATHS[platform] ?? []) {
      if (isExecutable(file)) return { executablePath: file, source: 'system' };
    }
    for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
      for (const name of SYSTEM_NAMES) {
        const file = path.join(dir, name);
        if (isExecutable(file)) return { executablePath: file, source: 'PATH' };
      }
    }
    return null;
  };
}
