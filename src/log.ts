import { pino, type Logger } from 'pino';

/** Where log lines go; one call per line, without the newline. */
export type LineWriter = (line: string) => void;

export const stdoutLine: LineWriter = (line) => void process.stdout.write(`${line}\n`);
export const stderrLine: LineWriter = (line) => void process.stderr.write(`${line}\n`);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type { Logger };

/** Replaces every secret (write token, database password) in a line; longest first, so none leaks in part. */
export function redactor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  const plain = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // In a JSON line a secret holding `"` or `\` appears escaped: both spellings are replaced.
  const known = [...new Set([...plain, ...plain.map((s) => JSON.stringify(s).slice(1, -1))])].sort((a, b) => b.length - a.length);
  return (text) => known.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

export interface LoggerOptions {
  level?: LogLevel | undefined;
  /** Where the lines go; stdout when absent. */
  write?: LineWriter | undefined;
  /** One readable line per event (for a terminal) instead of JSON. */
  pretty?: boolean | undefined;
  /** Strings never to appear in a line, wherever they come from (message, error, field). */
  secrets?: readonly (string | null | undefined)[] | undefined;
}

/** Longer string fields (a path, a client's operation name) are cut; the message, which may carry a stack, is whole. */
export const MAX_LOG_FIELD_LENGTH = 200;

function cutFields(fields: Record<string, unknown>): Record<string, unknown> {
  let cut: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.length > MAX_LOG_FIELD_LENGTH) {
      cut ??= { ...fields };
      cut[key] = `${value.slice(0, MAX_LOG_FIELD_LENGTH)}… (${value.length} characters)`;
    }
  }
  return cut ?? fields;
}

const LEVEL_WIDTH = 5;
// Fields the pretty line shows in its own place, or not at all.
const PLACED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function prettyValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** `14:03:07.412 INFO  request POST /graphql operation=ConflictTraversal status=200 durationMs=12.4 …` */
export function prettyLine(json: string): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof event.time === 'string' ? event.time.slice(11, 23) : '';
  const level = String(event.level ?? '').toUpperCase().padEnd(LEVEL_WIDTH);
  const fields = Object.entries(event)
    .filter(([key, value]) => !PLACED.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${prettyValue(value)}`);
  return [time, level, event.msg ?? '', ...fields].filter((part) => part !== '').join(' ');
}

/**
 * The server's one log: JSON lines (for collectors) or pretty lines (for a terminal), every line
 * passed through the redactor last, so no secret gets out whatever a message or error carries.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? stdoutLine;
  const redact = redactor(options.secrets ?? []);
  const destination = {
    write(chunk: string) {
      const line = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
      write(redact(options.pretty ? prettyLine(line) : line));
    },
  };
  return pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: cutFields },
    },
    destination,
  );
}
