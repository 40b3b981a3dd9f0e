type Child = Node | string | number | null | undefined | false | Child[];
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(typeof child === 'number' ? String(child) : child);
  }
}

function assign(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** An HTML element with attributes (`onclick` and the like become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  assign(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element, the same way. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  assign(element, attributes);
  append(element, children);
  return element;
}

/** A view's route: `#/conflict/russo-ukrainian-war?from=2022-02-01`. */
export function href(path: string, query: Record<string, string | readonly string[] | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    for (const one of typeof value === 'string' ? [value] : value) params.append(name, one);
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export const link = (path: string, text: Child, query: Parameters<typeof href>[1] = {}, attributes: Attributes = {}) =>
  h('a', { href: href(path, query), ...attributes }, text);

export const section = (title: string, ...children: Child[]) => h('section', {}, h('h2', {}, title), ...children);

/** Text for a reader: what to do next when a list is empty. */
export const empty = (...children: Child[]) => h('p', { class: 'empty' }, ...children);

export const number = (value: number) => value.toLocaleString('en');
/** `1 article`, `2,304 articles`. */
export const count = (value: number, noun: string) => `${number(value)} ${value === 1 ? noun : noun.replace(/y$/, 'ie') + 's'}`;
export const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;

/** Prints a label for an enum value: `ARMED_GROUP` → `armed group`. */
export const label = (value: string) => value.toLowerCase().replace(/_/g, ' ');
