import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './helpers/contract.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from './helpers/chromium.js';
import { postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const chromiumThere = hasChromium('the GraphiQL browser test');

const artifacts = new URL('./artifacts/', import.meta.url).pathname;
const sdl = buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));

/** Visible text with Monaco's non-breaking spaces and markdown code marks flattened, for comparing with plain strings. */
const flat = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();

describe.skipIf(!chromiumThere)('GraphiQL in headless Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cng-graphiql-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'cng-chromium-'));
  let server: ServerProcess;
  let base: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    server = spawnServer({ PGLITE_DIR: dataDir, GRAPHIQL: 'on' });
    [base, browser] = await Promise.all([
      servingAt(server),
      chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 900 },
      }),
    ]);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !/^(blob|data):/.test(url)) foreignRequests.push(url);
    });
    await page.goto(`${base}/graphql`);
    // Monaco has loaded and filled the first tab.
    await page.locator('.graphiql-query-editor .view-lines', { hasText: /CoveredConflicts/ }).waitFor({ timeout: 30_000 });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('runs the CoveredConflicts tab as it opens and shows the conflicts in the result pane', async () => {
    // The most covered conflict, asked of the API itself: the tab's answer starts with it.
    const first = await postGraphQL(base, '{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { edges { node { name } } } }');
    const name: string = first.body.data.conflicts.edges[0].node.name;
    expect(name).toBeTruthy();

    const answered = page.waitForResponse(
      (response) => response.request().method() === 'POST' && /CoveredConflicts/.test(response.request().postData() ?? ''),
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    expect((await answered).status()).toBe(200);
    try {
      await expect
        .poll(() => resultText(page), { timeout: 10_000, message: 'the result pane shows the first conflict' })
        .toContain(`"name": "${name}"`);
      expect(await resultText(page)).not.toContain('"errors"');
    } finally {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'graphiql.png') });
    }
  });

  it("shows the schema's descriptions in the docs pane", async () => {
    const query = sdl.getQueryType()!;
    const conflicts = query.getFields().conflicts!;
    const first = conflicts.args.find((arg) => arg.name === 'first')!;

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    // The docs open on the schema's own description: what the corpus is and where to start.
    const [about, start] = sdl.description!.split('\n\n');
    await expect.poll(async () => flat(await docs.innerText())).toContain(flat(about!));
    expect(flat(await docs.innerText())).toContain(flat(start!));
    await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
    await expect.poll(async () => flat(await docs.innerText())).toContain(flat(query.description!));
    expect(flat(await docs.innerText())).toContain(flat(conflicts.description!));

    await docs.getByRole('link', { name: 'conflicts', exact: true }).first().click();
    await expect.poll(async () => flat(await docs.innerText())).toContain(flat(first.description!));
    await page.screenshot({ path: join(artifacts, 'graphiql-docs.png') });
  });

  it('builds a query by clicking in the Explorer', async () => {
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    const explorer = page.locator('.graphiql-explorer-root');
    await expect.poll(async () => flat(await explorer.innerText())).toContain('conflicts');
    expect(flat(await explorer.innerText())).toContain('actorSuggest');
    await page.screenshot({ path: join(artifacts, 'graphiql-explorer.png') });
    // Shut again, so the tabs stay as they were for the tests after this one.
    await page.getByRole('button', { name: 'Hide GraphiQL Explorer' }).click();
  });

  it('opens the same tabs on a later visit, the first one still with its variables', async () => {
    const titles = () => page.locator('.graphiql-tab').allInnerTexts();
    const before = await titles();
    expect(before.slice(0, 2)).toEqual(['CoveredConflicts', 'ConflictTraversal']);
    await page.reload();
    await page.locator('.graphiql-query-editor .view-lines').waitFor({ timeout: 30_000 });
    expect(await titles()).toEqual(before);
    await expect.poll(() => editorText(page, '.graphiql-query-editor')).toContain('query CoveredConflicts');
    const operation = parse(contractOperation('graphiql/CoveredConflicts')).definitions[0] as OperationDefinitionNode;
    const variables = JSON.parse(await editorText(page, '.graphiql-editor-tool')) as Record<string, unknown>;
    expect(Object.keys(variables).sort()).toEqual(operation.variableDefinitions!.map((v) => v.variable.name.value).sort());
  });

  it('loads everything from the server itself, without errors in the page', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** The text Monaco shows in an editor (only the lines in view are in the DOM). */
function editorText(page: Page, selector: string): Promise<string> {
  return page
    .locator(`${selector} .monaco-editor .view-lines`)
    .first()
    .innerText({ timeout: 1_000 })
    .then(flat, () => '');
}

function resultText(page: Page): Promise<string> {
  return editorText(page, '.graphiql-response');
}
