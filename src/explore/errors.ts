import { ApiError } from './api.js';
import { h } from './dom.js';

/** An error as the reader sees it: what happened, and for an unexpected one, the request id to report. */
export function errorBox(error: unknown): HTMLElement {
  const api = error instanceof ApiError ? error : null;
  const message = api?.message ?? (error instanceof Error ? error.message : String(error));
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('h2', {}, api?.expected ? 'The request was refused' : 'Something went wrong'),
    h('p', {}, message, api ? h('span', { class: 'meta' }, ` (${api.code})`) : null),
    api && !api.expected && api.requestId
      ? h('p', {}, 'Request id ', h('code', { class: 'request-id' }, api.requestId), ': the server’s log has a line with this id; quote it when you report the problem.')
      : null,
    h('p', {}, h('a', { href: location.hash || '#/' }, 'Try again'), ' · ', h('a', { href: '#/' }, 'Conflicts')),
  );
}
