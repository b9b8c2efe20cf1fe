// Sign-in in real Chromium, through a real OpenID Connect provider (oidc-provider on loopback,
// its own login form): the redirect to /login, the provider's form, back on the dashboard with
// the role; the page shows only what the role allows (a viewer gets no change control, and the
// server refuses one sent anyway); an admin makes a token (shown once) and revokes it; the
// activity names who did what and filters by it; sign-out; a user with no role is told why.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type AppServer } from '../test/helpers/app-server';
import { CLIENT_ID, CLIENT_SECRET, startProvider, type TestProvider } from '../test/helpers/oidc-provider';
import { removeTestObjects } from '../test/integration/docker-cli';
import { seriousViolations } from './axe';

const PORT = 3195;
const APP = `http://127.0.0.1:${PORT}`;
let provider: TestProvider;
let app: AppServer;

test.beforeAll(async () => {
  removeTestObjects();
  provider = await startProvider([`${APP}/api/auth/callback`]);
  app = await startServer(PORT, {
    SWITCHYARD_OIDC_ISSUER: provider.issuer, SWITCHYARD_OIDC_CLIENT_ID: CLIENT_ID, SWITCHYARD_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    SWITCHYARD_OIDC_SCOPES: 'openid profile email groups', SWITCHYARD_OIDC_ROLES: 'sre=admin, dev=viewer',
    SWITCHYARD_PUBLIC_URL: APP, SWITCHYARD_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
  });
});
test.afterAll(async () => {
  await app?.stop();
  await provider?.stop();
  removeTestObjects();
});

async function signIn(page: Page, user: string, password: string) {
  await page.goto(`${APP}/`);
  await expect(page).toHaveURL(`${APP}/login`);
  await page.getByTestId('sign-in-oidc').click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin signs in, makes and revokes a token, sees who did what, and signs out', async ({ page }) => {
  await signIn(page, 'ann', 'ann-pw');
  await expect(page).toHaveURL(`${APP}/`);
  await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0);
  await expect(page.getByTestId('user-name')).toHaveText('ann');
  await expect(page.getByTestId('user-role')).toHaveText('admin');
  await expect(page.getByRole('button', { name: 'New network…' })).toBeVisible();

  // A change through the page is ann's: the timeline names her and filters by her.
  const made = await page.evaluate(async () => (await fetch('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sy-e2e-ann', labels: { 'switchyard.test': '1' } }) })).status);
  expect(made).toBe(201);
  const entry = page.getByTestId('activity-entry').filter({ hasText: 'sy-e2e-ann' }).first();
  await expect(entry.getByTestId('entry-actor')).toHaveText('ann');
  await page.getByTestId('activity-actor').fill('nobody-else');
  await expect(page.getByTestId('activity-entry')).toHaveCount(0);
  await page.getByTestId('activity-actor').fill('');
  await entry.getByTestId('entry-actor').click();
  await expect(page.getByTestId('activity-actor')).toHaveValue('ann');
  await expect(page.getByTestId('activity-entry').first()).toContainText('sy-e2e-ann');

  await page.getByRole('link', { name: 'Tokens and sign-ins' }).click();
  await expect(page).toHaveURL(`${APP}/access`);
  await page.getByTestId('token-name').fill('e2e-ci');
  await page.getByTestId('token-role').selectOption('viewer');
  await page.getByTestId('token-create').click();
  const shown = page.getByTestId('token-made');
  await expect(shown).toContainText('copy it now');
  const token = (await shown.getByTestId('token-value').textContent() ?? '').trim();
  expect(token).toMatch(/^syt_[0-9a-f]{12}_/);
  // The token works for a script, as a viewer.
  const asToken = await fetch(`${APP}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(await asToken.json()).toMatchObject({ principal: { kind: 'token', name: 'e2e-ci' } });
  const row = page.getByTestId('token-row').filter({ hasText: 'e2e-ci' });
  await row.getByRole('button', { name: 'Revoke e2e-ci' }).click();
  await expect(row).toContainText('revoked by ann');
  expect((await fetch(`${APP}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  await expect(page.getByTestId('access-entry').filter({ hasText: 'token made' }).first()).toContainText('e2e-ci');
  await expect(page.getByTestId('access-entry').filter({ hasText: 'signed in' }).first()).toContainText('ann');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `access page, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.goto(`${APP}/`);
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(`${APP}/login`);
  await page.goto(`${APP}/`);
  await expect(page).toHaveURL(`${APP}/login`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `login page, ${scheme}`).toEqual([]);
  }
});

test('a viewer sees no change control, and the server refuses one sent anyway', async ({ page }) => {
  await signIn(page, 'bob', 'bob-pw');
  await expect(page).toHaveURL(`${APP}/`);
  await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0);
  await expect(page.getByTestId('user-role')).toHaveText('viewer');
  await expect(page.getByRole('button', { name: 'New network…' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Tokens and sign-ins' })).toHaveCount(0);
  await page.locator('[data-network="mynet"]').click();
  await expect(page.getByTestId('inspector')).toContainText('mynet');
  await expect(page.getByRole('button', { name: /^Disconnect / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Remove network/ })).toHaveCount(0);
  await expect(page.getByTestId('undo-button')).toHaveCount(0);
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/networks/mynet/connect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ container: 'tomcat03' }) });
    return { status: r.status, body: await r.json() as { error: { hint: string } } };
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.hint).toBe('role needed: operator');
  await page.goto(`${APP}/access`);
  await expect(page.getByTestId('access-denied')).toContainText('need admin on every engine');
});

test('a user with no role is sent back to the sign-in page, told why', async ({ page }) => {
  await signIn(page, 'nobody', 'nobody-pw');
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByTestId('sign-in-error')).toContainText('nobody signed in, but has no role here');
});
