import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

type OnRequestPayload = Parameters<NonNullable<Plugin['onRequest']>>[0];
import { compressText, compressedResponse, type CompressedText } from './compressed.js';
import type { ExploreAssets } from './explore-assets.js';

export const EXPLORE_PATH = '/explore';

/**
 * Nothing but this origin: the script and the style sheet of /explore, the API, images drawn as
 * data: URLs. No inline script, no frames, no plugins.
 */
export const EXPLORE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset extends CompressedText {
  type: string;
  /** Immutable files are named by their hash; the page itself is asked for again each time (with its ETag). */
  cacheControl: string;
}

async function asset(type: string, text: string, cacheControl: string): Promise<Asset> {
  return { type, cacheControl, ...(await compressText(text, { brotliQuality: 9, gzipLevel: 9 })) };
}

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

function html(assets: ExploreAssets, persisted: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="explore-persisted" content="${persisted ? 'on' : 'off'}">
<title>Conflict news · Explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${EXPLORE_PATH}/explore.css?v=${short(assets.css)}">
<script type="module" src="${EXPLORE_PATH}/explore.js?v=${short(assets.js)}"></script>
</head>
<body>
<noscript>The explorer needs JavaScript; the API itself is at /graphql.</noscript>
<div id="app" aria-live="polite"></div>
</body>
</html>
`;
}

/**
 * The explorer at GET /explore: a page, its script and its style sheet, bundled once on the first
 * request (see exploreAssets) and served compressed from memory with an ETag. `persisted` tells the
 * page to send operations by their hash, as a server with persisted operations only wants them.
 */
export function useExplorePage(load: () => Promise<ExploreAssets>, { persisted }: { persisted: boolean }): Plugin {
  let files: Promise<Map<string, Asset>> | null = null;
  const build = async () => {
    const assets = await load();
    const year = 'public, max-age=31536000, immutable';
    const [page, js, css] = await Promise.all([
      asset('text/html; charset=utf-8', html(assets, persisted), 'no-cache'),
      asset('text/javascript; charset=utf-8', assets.js, year),
      asset('text/css; charset=utf-8', assets.css, year),
    ]);
    return new Map([
      [EXPLORE_PATH, page],
      [`${EXPLORE_PATH}/`, page],
      [`${EXPLORE_PATH}/explore.js`, js],
      [`${EXPLORE_PATH}/explore.css`, css],
    ]);
  };
  return {
    // Synchronous for every other path: an async hook costs each request a promise.
    onRequest(payload) {
      const { url } = payload;
      if (url.pathname !== EXPLORE_PATH && !url.pathname.startsWith(`${EXPLORE_PATH}/`)) return;
      return serve(payload);
    },
  };

  async function serve({ request, url, endResponse }: OnRequestPayload): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return endResponse(new Response('only GET\n', { status: 405, headers: { allow: 'GET, HEAD' } }));
    }
    files ??= build().catch((error: unknown) => {
      files = null;
      throw error;
    });
    const file = (await files).get(url.pathname);
    if (!file) return endResponse(new Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    endResponse(
      compressedResponse(request, file, file.type, {
        'cache-control': file.cacheControl,
        vary: 'accept-encoding',
        'content-security-policy': EXPLORE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      }),
    );
  }
}
