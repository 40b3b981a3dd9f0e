import { getTableName } from 'drizzle-orm';
import { isObjectType, getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { csvHeader } from '../src/export/format.js';
import { schema } from '../src/graphql/index.js';
import { KINDS, LINKED_KINDS, kindOf } from '../src/kinds.js';

// What the registry promises beyond its types: the uses derived from it take these for granted.
describe.each(KINDS)('the linked kind %s', (kind) => {
  const info = LINKED_KINDS[kind];

  it('is a node type of the schema, looked up by a root field named for the kind (the cache counts that field as a lookup)', () => {
    const type = schema.getType(info.typename);
    expect(isObjectType(type) && type.getInterfaces().map((i) => i.name)).toEqual(['Node']);
    const lookup = schema.getQueryType()!.getFields()[kind];
    expect(lookup && getNamedType(lookup.type).name).toBe(info.typename);
    expect(kindOf(info.typename)).toBe(kind);
  });

  it('names key columns of its own link and count tables', () => {
    expect(getTableName(info.linkKey.table)).toBe(getTableName(info.links));
    expect(getTableName(info.linkWeight.table)).toBe(getTableName(info.links));
    expect(getTableName(info.monthKey.table)).toBe(getTableName(info.monthCounts));
    expect(info.linkKey.name).toBe(info.monthKey.name);
  });

  it('gives its export columns to the CSV header, in order', () => {
    const header = csvHeader().trim().split(',');
    const start = header.indexOf(info.exportColumns[0]!);
    expect(header.slice(start, start + info.exportColumns.length)).toEqual([...info.exportColumns]);
  });
});

describe('the kinds', () => {
  it('have distinct type names, plurals, tables and name-key kinds', () => {
    for (const field of ['typename', 'plural', 'nameKind'] as const) {
      expect(new Set(KINDS.map((kind) => LINKED_KINDS[kind][field])).size).toBe(KINDS.length);
    }
    expect(new Set(KINDS.map((kind) => getTableName(LINKED_KINDS[kind].links))).size).toBe(KINDS.length);
  });
});
