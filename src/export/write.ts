import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../db/client.js';
import { csvHeader, csvLine, ndjsonLine, type ExportFormat } from './format.js';
import { GEOJSON_END, GEOJSON_START, geojsonFeature, readPlaces } from './places.js';
import { readArticles } from './read.js';

/** Streams every article with its links to `out`, waiting whenever the stream is full; returns how many. */
export async function exportArticles(db: Db, out: Writable, format: ExportFormat, { withBody = false, withStory = false } = {}): Promise<number> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (format === 'csv') await write(csvHeader(withStory));
  let count = 0;
  for await (const article of readArticles(db, { withBody: withBody && format === 'ndjson', withStory })) {
    await write(format === 'csv' ? csvLine(article, withStory) : ndjsonLine(article));
    count += 1;
  }
  return count;
}

/**
 * Streams every place that articles name to `out` as one GeoJSON FeatureCollection, a feature a line,
 * waiting whenever the stream is full; returns how many places.
 */
export async function exportPlaces(db: Db, out: Writable, { pageSize = 500 } = {}): Promise<number> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(GEOJSON_START);
  let count = 0;
  for await (const place of readPlaces(db, { pageSize })) {
    await write(`${count > 0 ? ',\n' : ''}${geojsonFeature(place)}`);
    count += 1;
  }
  await write(GEOJSON_END);
  return count;
}
