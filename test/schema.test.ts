import { existsSync, readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  validate,
  buildSchema,
  type GraphQLObjectType,
} from 'graphql';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/index.js';
import { printSchemaFile } from '../src/graphql/print.js';
import { contractNames, contractOperation } from './helpers/contract.js';

const committed = new URL('../schema/schema.graphql', import.meta.url);

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(printSchemaFile());
  });

  it('makes no breaking change against schema/baseline.graphql (deprecate instead; `npm run schema:release` when deliberate)', async () => {
    const baseline = buildSchema(readFileSync(new URL('../schema/baseline.graphql', import.meta.url), 'utf8'));
    const changes = await diff(baseline, schema);
    const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
    expect(breaking.map((change) => change.message)).toEqual([]);
  });

  it('validates every contract operation against the committed SDL', () => {
    const sdl = buildSchema(readFileSync(committed, 'utf8'));
    for (const name of contractNames()) {
      const errors = validate(sdl, parse(contractOperation(name)));
      expect(errors.map((e) => `${name}: ${e.message}`)).toEqual([]);
    }
  });

  const shared = new URL('../../shared/contract/', import.meta.url);
  it.skipIf(!existsSync(shared))('keeps schema/operations in step with ../shared/contract when that folder is present', () => {
    for (const name of contractNames()) {
      const original = new URL(`${name}.graphql`, shared);
      expect(existsSync(original), `${name} is no longer in shared/contract`).toBe(true);
      expect(contractOperation(name)).toBe(readFileSync(original, 'utf8'));
    }
  });

  it('resolves node ids without a promise, as the global ids node() takes', () => {
    for (const typename of ['Actor', 'Article', 'Conflict']) {
      const type = schema.getType(typename) as GraphQLObjectType;
      const id = type.getFields().id!.resolve!({ id: 42 }, {}, {}, {} as never);
      expect(id).toBe(Buffer.from(`${typename}:42`).toString('base64'));
    }
  });

  it('documents every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
