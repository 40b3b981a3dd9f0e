// A path of plain characters: no dot segments, escapes or backslashes for the URL parser to resolve.
const PLAIN_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/**
 * The path of a request's URL, as `new URL(url).pathname` gives it, without parsing the whole URL
 * for the common case (a plain path): the log line and the metrics of every request ask for it.
 */
export function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  if (start >= 0) {
    let end = url.length;
    for (const mark of ['?', '#']) {
      const at = url.indexOf(mark, start);
      if (at >= 0 && at < end) end = at;
    }
    const path = url.slice(start, end);
    if (PLAIN_PATH.test(path)) return path;
  }
  return new URL(url).pathname;
}
