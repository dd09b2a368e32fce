// Drives the console's "Security keys" page in Debian's Chromium with a CDP virtual FIDO2 authenticator: registers a
// security key, signs a statement twice (without and with submission), then tries two signatures that must fail:
// at an origin the relying party does not allow, and after the authenticator lost the key. Prints one line
// "CEREMONY_RESULT <json>" with what the page showed; SecurityKeyCeremonyIT checks it against the server.
// Exit 0 when every step ran (whatever the page showed), 1 when the script itself failed (a step that never ends).
//
// Environment: ATTESTOR_URL (http://localhost:<port>), ATTESTOR_OTHER_ORIGIN_URL (http://127.0.0.1:<port>),
// CONSOLE_USER, CONSOLE_PASSWORD, TENANT, KEY_NAME, STATEMENT_FILE, WORK_DIR, CHROMIUM (default /usr/bin/chromium),
// STEP_TIMEOUT_MS (default 60000).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const PAGE = '/system/console/attestor-security-keys';
// As for every headless Chromium here: no sandbox as root, and nothing that phones home (this machine's network is
// closed, and each refused connection slows the browser down).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AUTHENTICATOR = {
  protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
  automaticPresenceSimulation: true,
};

function setting(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

const base = setting('ATTESTOR_URL');
const otherOrigin = setting('ATTESTOR_OTHER_ORIGIN_URL');
const tenant = setting('TENANT');
const keyName = setting('KEY_NAME');
const statement = readFileSync(setting('STATEMENT_FILE'), 'utf8');
const workDir = setting('WORK_DIR');
const stepTimeout = Number(setting('STEP_TIMEOUT_MS', '60000'));
const credentials = { username: setting('CONSOLE_USER'), password: setting('CONSOLE_PASSWORD') };

function log(text) {
  process.stderr.write(`${text}\n`);
}

/** A page with its own virtual authenticator (the CDP WebAuthn environment is per page). */
async function openPage(context, origin) {
  const page = await context.newPage();
  page.setDefaultTimeout(stepTimeout);
  page.on('console', (message) => log(`[page ${origin}] ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log(`[page ${origin}] error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
  const response = await page.goto(`${origin}${PAGE}?tenant=${encodeURIComponent(tenant)}`);
  if (!response || response.status() !== 200) {
    throw new Error(`${origin}${PAGE} answered ${response ? response.status() : 'nothing'}`);
  }
  await page.waitForSelector('#attestor-security-keys');
  return { page, cdp, authenticatorId };
}

/** Clicks a button and waits until the page reports the end of that operation. */
async function act(page, button) {
  const before = Number(await page.getAttribute('#sk-status', 'data-seq'));
  await page.click(button);
  await page.waitForFunction((seq) => Number(document.getElementById('sk-status').dataset.seq) > seq, before,
    { timeout: stepTimeout });
  return {
    state: await page.getAttribute('#sk-status', 'data-state'),
    message: (await page.textContent('#sk-status')).trim(),
  };
}

async function sign(page, submit) {
  await page.fill('#sk-statement', statement);
  await page.setChecked('#sk-submit', submit);
  const outcome = await act(page, '#sk-sign-button');
  const envelope = (await page.textContent('#sk-envelope')).trim();
  const logEntry = (await page.textContent('#sk-log-entry')).trim();
  return {
    ...outcome,
    envelope: envelope ? JSON.parse(envelope) : null,
    submission: logEntry && logEntry !== 'not submitted' ? JSON.parse(logEntry) : null,
  };
}

async function run(context, result) {
  const main = await openPage(context, base);
  result.principal = (await main.page.textContent('#sk-principal')).trim();

  await main.page.fill('#sk-name', keyName);
  result.registration = await act(main.page, '#sk-register-button');
  const held = await main.cdp.send('WebAuthn.getCredentials', { authenticatorId: main.authenticatorId });
  result.registration.authenticatorCredentials = held.credentials.length;
  result.registration.signingKeys = await main.page.$$eval('#sk-key option', (options) => options.map((o) => o.value));

  result.unsubmitted = await sign(main.page, false);
  result.submitted = await sign(main.page, true);
  await main.page.screenshot({ path: join(workDir, 'signed.png'), fullPage: true });

  // An origin the relying party does not allow: the browser refuses before any authenticator is asked.
  const other = await openPage(context, otherOrigin);
  result.otherOrigin = await sign(other.page, true);
  await other.page.screenshot({ path: join(workDir, 'other-origin.png'), fullPage: true });

  // The authenticator no longer holds the key (as when the person plugs in another security key): nobody can
  // approve the signature. (Removing the authenticator altogether would leave the browser waiting for one to be
  // plugged in until the ceremony's timeout; an authenticator without the credential answers at once.)
  await main.cdp.send('WebAuthn.clearCredentials', { authenticatorId: main.authenticatorId });
  result.keyNotOnAuthenticator = await sign(main.page, true);
  await main.page.screenshot({ path: join(workDir, 'key-not-on-authenticator.png'), fullPage: true });
}

async function main() {
  mkdirSync(workDir, { recursive: true });
  const context = await chromium.launchPersistentContext(mkdtempSync(join(workDir, 'profile-')), {
    executablePath: setting('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    args: FLAGS,
    httpCredentials: credentials,
    timeout: stepTimeout,
  });
  const result = {};
  try {
    await run(context, result);
  } catch (error) {
    for (const [i, page] of context.pages().entries()) {
      await page.screenshot({ path: join(workDir, `failure-${i}.png`), fullPage: true }).catch(() => {});
    }
    log(`ceremony.mjs failed after ${JSON.stringify(result)}`);
    throw error;
  } finally {
    await context.close();
  }
  process.stdout.write(`CEREMONY_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  log(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
