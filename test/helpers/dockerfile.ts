/** Just enough of the Dockerfile, .dockerignore and compose syntax to check ours without a container engine. */

export interface Instruction {
  /** Upper-case keyword: FROM, COPY, RUN … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  /** 1-based line of the keyword, for failure messages. */
  line: number;
}

export interface Stage {
  /** The image the stage starts from. */
  image: string;
  /** The name after `AS`, if any. */
  name: string | null;
  instructions: Instruction[];
}

/** Splits a Dockerfile into instructions: comments dropped, `\` continuations joined (comment lines inside them too). */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1).trim() : line;
    pending ??= { parts: [], line: index + 1 };
    pending.parts.push(part);
    if (continued) return;
    const joined = pending.parts.join(' ');
    const match = /^(\S+)\s*(.*)$/s.exec(joined)!;
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: pending.line });
    pending = null;
  });
  if (pending) throw new Error(`line ${(pending as { line: number }).line}: the last instruction ends in a continuation`);
  return instructions;
}

/** Groups instructions by `FROM` (instructions before the first FROM, such as ARG, are left out). */
export function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = splitFlags(instruction.args).rest.split(/\s+/);
      const as = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ image: words[0]!, name: as >= 0 ? (words[as + 1] ?? null) : null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `--from=build --chown=node:node a b ./c` → the flags and the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1]!] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** The words of an instruction in exec form (a JSON array) or shell form (split on blanks). */
export function wordsOf(args: string): { exec: boolean; words: string[] } {
  if (args.startsWith('[')) return { exec: true, words: JSON.parse(args) as string[] };
  return { exec: false, words: args.split(/\s+/).filter(Boolean) };
}

/** `ENV A=1 B="two words"` (or the old `ENV A 1`) → { A: '1', B: 'two words' }. */
export function envOf(args: string): Record<string, string> {
  const pairs = [...args.matchAll(/([A-Za-z_][\w]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
  if (pairs.length === 0) {
    const match = /^(\S+)\s+(.*)$/.exec(args);
    return match ? { [match[1]!]: match[2]! } : {};
  }
  return Object.fromEntries(pairs.map(([, key, value]) => [key!, unquote(value!)]));
}

function unquote(value: string): string {
  if (value.startsWith('"')) return JSON.parse(value) as string;
  if (value.startsWith("'")) return value.slice(1, -1);
  return value;
}

function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** Whether .dockerignore keeps `path` (relative to the context, `/`-separated) out of the build context. */
export function dockerIgnores(dockerignore: string, path: string): boolean {
  let ignored = false;
  for (const raw of dockerignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
    if (globToRegExp(pattern).test(path)) ignored = !negated;
  }
  return ignored;
}

/**
 * Compose's variable substitution: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `${VAR?message}`, `$VAR` and `$$`. A required variable that is missing throws with its message.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (whole, name, colon, op, word, bare) => {
    if (whole === '$$') return '$';
    if (bare) return env[bare] ?? '';
    const current = env[name];
    const missing = colon ? !current : current === undefined;
    if (!op) return current ?? '';
    if (!missing) return current!;
    if (op === '-') return word;
    throw new Error(`${name}: ${word || 'required'}`);
  });
}

/** Substitutes variables in every string of a parsed compose file. */
export function interpolateAll<T>(node: T, env: Record<string, string | undefined>): T {
  if (typeof node === 'string') return interpolate(node, env) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, interpolateAll(item, env)])) as T;
  }
  return node;
}

export interface PublishedPort {
  hostIp: string | null;
  published: string;
  target: number;
}

/** A compose `ports` entry, short (`127.0.0.1:4000:4000`) or long syntax, as host address, host port and container port. */
export function portOf(entry: unknown): PublishedPort {
  if (entry && typeof entry === 'object') {
    const long = entry as { host_ip?: string; published?: string | number; target: number };
    return { hostIp: long.host_ip ?? null, published: String(long.published ?? ''), target: Number(long.target) };
  }
  const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
  const target = Number(parts.pop());
  const published = parts.pop() ?? '';
  return { hostIp: parts.length > 0 ? parts.join(':').replace(/^\[|\]$/g, '') : null, published, target };
}
