/** Where the reader is: `#/conflict/russo-ukrainian-war?from=…` → parts ['conflict', 'russo-ukrainian-war'] and the query. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

/** What a view gives back: the page's title and its content. */
export interface Rendered {
  title: string;
  body: Element;
}

/** A view: one GraphQL request, then the content. */
export type View = (route: Route, signal: AbortSignal) => Promise<Rendered>;

export function routeOf(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}
