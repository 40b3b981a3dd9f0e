import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** A text served from memory: built and compressed once, with an ETag of its content. */
export interface CompressedText {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Compresses a text both ways once; the levels trade build time against size (a 9 MB page wants the faster). */
export async function compressText(text: string, { brotliQuality, gzipLevel }: { brotliQuality: number; gzipLevel?: number }): Promise<CompressedText> {
  const identity = Buffer.from(text, 'utf8');
  const [br, gz] = await Promise.all([
    brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzipped(identity, gzipLevel === undefined ? {} : { level: gzipLevel }),
  ]);
  return { etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`, identity, gzip: gz, br };
}

/** The encoding to send: brotli before gzip before none, as the client accepts them (`q=0` refuses one). */
export function encodingFor(acceptEncoding: string | null): 'br' | 'gzip' | 'identity' {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

/**
 * The answer to a GET or HEAD of a compressed text: 304 when the request names its ETag, else the
 * body in the best encoding the client accepts, with `headers` (cache control, vary …) on both.
 */
export function compressedResponse(request: Request, text: CompressedText, contentType: string, headers: Record<string, string>): Response {
  const all = { etag: text.etag, ...headers };
  const known = request.headers.get('if-none-match');
  if (known && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === text.etag)) {
    return new Response(null, { status: 304, headers: all });
  }
  const encoding = encodingFor(request.headers.get('accept-encoding'));
  const body = encoding === 'identity' ? text.identity : text[encoding];
  return new Response(request.method === 'GET' ? new Uint8Array(body) : null, {
    headers: {
      ...all,
      'content-type': contentType,
      'content-length': String(body.length),
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    },
  });
}
