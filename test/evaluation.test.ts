import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/parse.js';
import { GoldError, readEvalGold, readSeedsGold } from '../src/evaluation/gold.js';
import { scoreText, type GoldPlace } from '../src/evaluation/places.js';
import { identityOf, sameName, suggestRenames } from '../src/evaluation/reconcile.js';
import {
  checkForms,
  checkTraps,
  locateSpan,
  metrics,
  scoreArticle,
  summarize,
  type ActorClass,
  type GoldArticle,
  type KbIndex,
} from '../src/evaluation/score.js';
import type { ActorKind, LinkedActor, LinkResult, ProvisionalActor } from '../src/linking/types.js';
import { nodeArgsFor } from './helpers/compiled.js';

// A made-up knowledge base and gold: slugs need not exist anywhere else.
const KB: KbIndex = {
  actorKinds: new Map<string, ActorKind>([
    ['ruritania', 'STATE'],
    ['rudolf', 'PERSON'],
    ['red-hand', 'ARMED_GROUP'],
    ['league', 'ORGANIZATION'],
  ]),
  conflicts: new Set(['ruritanian-war', 'border-dispute']),
};
const KINDS = new Map<string, ActorKind>([
  ['ruritania', 'STATE'],
  ['rudolf', 'PERSON'],
  ['red-hand', 'ARMED_GROUP'],
  ['league', 'ORGANIZATION'],
  ['zenda', 'STATE'],
  ['sapt', 'PERSON'],
]);
const CLASSES = new Map<string, ActorClass>([
  ['ruritania', 'state'],
  ['rudolf', 'person'],
  ['red-hand', 'armed-group'],
  ['league', 'international'],
  ['zenda', 'state'],
]);

function gold(overrides: Partial<GoldArticle> = {}): GoldArticle {
  return { id: 'a1', actors: ['ruritania', 'rudolf'], conflicts: ['ruritanian-war'], conflictsAllowed: [], unlinked: [], forms: [], ...overrides };
}

function mention(body: string, text: string, from = 0) {
  const start = body.indexOf(text, from);
  if (start === -1) throw new Error(`"${text}" is not in the body`);
  return { start, end: start + text.length, text, method: 'DICTIONARY' as const, confidence: 1 };
}

/** Set-level scoring ignores where the mentions are, so these results carry a placeholder mention. */
function result(actors: string[], conflicts: string[]): LinkResult {
  return {
    actors: actors.map((slug): LinkedActor => ({ slug, mentions: [{ start: 0, end: 0, text: '', method: 'DICTIONARY', confidence: 1 }] })),
    conflicts: conflicts.map((slug) => ({ slug, score: 1 })),
    provisional: [],
  };
}

const score = (g: GoldArticle, r: LinkResult, body = '', kb = KB, classes = CLASSES) =>
  scoreArticle({ gold: g, result: r, body, kb, goldKinds: KINDS, goldClasses: classes });

function provisional(key: string, kind: ActorKind, mentions = result(['x'], []).actors[0]!.mentions): ProvisionalActor {
  return { key, name: key, kind, description: null, mentions };
}

describe('metrics', () => {
  it('gives precision, recall and their harmonic mean', () => {
    expect(metrics({ tp: 3, fp: 1, fn: 2 })).toEqual({ precision: 0.75, recall: 0.6, f1: (2 * 0.75 * 0.6) / 1.35 });
  });

  it('is null where there is nothing to measure, and F1 is 0 when nothing is right', () => {
    expect(metrics({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: null, recall: null, f1: null });
    expect(metrics({ tp: 0, fp: 0, fn: 4 })).toEqual({ precision: null, recall: 0, f1: null });
    expect(metrics({ tp: 0, fp: 2, fn: 4 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('scoreArticle', () => {
  it('scores a perfect run as all hits', () => {
    const s = score(gold(), result(['rudolf', 'ruritania'], ['ruritanian-war']));
    expect(s.actors).toEqual({ found: ['ruritania', 'rudolf'], spurious: [], missed: [], missedNotInKb: [] });
    expect(s.conflicts).toMatchObject({ found: ['ruritanian-war'], spurious: [], missed: [] });
    expect(s.kinds).toEqual({ checked: 2, correct: 2, errors: [], unannotated: [] });
    const summary = summarize([s]);
    expect(summary.actors).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(summary.conflicts).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });

  it('counts a miss, and says when the knowledge base lacks the slug', () => {
    const s = score(gold({ actors: ['ruritania', 'rudolf', 'zenda'] }), result(['ruritania'], ['ruritanian-war']));
    expect(s.actors.missed).toEqual(['rudolf', 'zenda']);
    expect(s.actors.missedNotInKb).toEqual(['zenda']);
    const summary = summarize([s]).actors;
    expect(summary).toMatchObject({ tp: 1, fp: 0, fn: 2, fnNotInKb: 1, notInKb: ['zenda'] });
    expect(summary.recall).toBeCloseTo(1 / 3);
    expect(summary.recallKnown).toBe(0.5);
  });

  it('counts a false positive once however often the slug is linked', () => {
    const twice: LinkResult = { actors: [...result(['ruritania', 'rudolf', 'league'], []).actors, ...result(['league'], []).actors], conflicts: [], provisional: [] };
    const s = score(gold({ conflicts: [] }), twice);
    expect(s.actors.spurious).toEqual(['league']);
    expect(summarize([s]).actors).toMatchObject({ tp: 2, fp: 1, fn: 0, precision: 2 / 3, recall: 1 });
  });

  it('treats an acceptable conflict as neither a hit nor an error', () => {
    const g = gold({ conflictsAllowed: ['border-dispute'] });
    const linked = score(g, result(['ruritania', 'rudolf'], ['ruritanian-war', 'border-dispute']));
    expect(linked.conflicts).toMatchObject({ found: ['ruritanian-war'], spurious: [], missed: [], allowedFound: ['border-dispute'] });
    const notLinked = score(g, result(['ruritania', 'rudolf'], ['ruritanian-war']));
    expect(notLinked.conflicts).toMatchObject({ found: ['ruritanian-war'], spurious: [], missed: [], allowedFound: [] });
    expect(summarize([linked]).conflicts).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it("reads a gold slug that is another slug of a knowledge-base conflict as that conflict", () => {
    const kb: KbIndex = { ...KB, conflictSlugs: new Map([['ruritanian-war-1894', 'ruritanian-war'], ['zenda-dispute', 'border-dispute']]) };
    const g = gold({ conflicts: ['ruritanian-war-1894'], conflictsAllowed: ['zenda-dispute'] });
    const s = score(g, result(['ruritania', 'rudolf'], ['ruritanian-war', 'border-dispute']), '', kb);
    expect(s.conflicts).toMatchObject({ found: ['ruritanian-war'], spurious: [], missed: [], allowedFound: ['border-dispute'] });
    // Without the other slugs the same link is a miss and a false positive.
    expect(score(g, result(['ruritania', 'rudolf'], ['ruritanian-war'])).conflicts).toMatchObject({
      found: [],
      spurious: ['ruritanian-war'],
      missed: ['ruritanian-war-1894'],
    });
  });

  it('counts a conflict that is both required and acceptable as required', () => {
    const s = score(gold({ conflictsAllowed: ['ruritanian-war'] }), result(['ruritania', 'rudolf'], []));
    expect(s.conflicts).toMatchObject({ missed: ['ruritanian-war'], allowedFound: [] });
  });

  it('checks the kind the knowledge base gives each linked gold actor', () => {
    const kb: KbIndex = { ...KB, actorKinds: new Map([...KB.actorKinds, ['red-hand', 'ORGANIZATION']]) };
    const s = score(gold({ actors: ['ruritania', 'red-hand', 'league'] }), result(['ruritania', 'red-hand'], []), '', kb);
    expect(s.kinds).toEqual({ checked: 2, correct: 1, errors: [{ slug: 'red-hand', gold: 'ARMED_GROUP', linked: 'ORGANIZATION' }], unannotated: [] });
    expect(summarize([s]).kinds).toMatchObject({ checked: 2, correct: 1, accuracy: 0.5 });
  });

  it('leaves actors without a gold kind out of the kind accuracy, and spurious actors too', () => {
    const kb: KbIndex = { ...KB, actorKinds: new Map([...KB.actorKinds, ['osra', 'PERSON']]) };
    const s = score(gold({ actors: ['ruritania', 'osra'] }), result(['ruritania', 'osra', 'league'], []), '', kb);
    expect(s.kinds).toEqual({ checked: 1, correct: 1, errors: [], unannotated: ['osra'] });
  });

  it('handles empty gold and empty output', () => {
    const empty = gold({ actors: [], conflicts: [] });
    const s = score(empty, result([], []));
    expect(s.actors).toEqual({ found: [], spurious: [], missed: [], missedNotInKb: [] });
    const summary = summarize([s]);
    expect(summary.actors).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, recallKnown: null });
    expect(summary.kinds.accuracy).toBeNull();
    expect(summarize([score(empty, result(['league'], []))]).actors).toMatchObject({ fp: 1, precision: 0, recall: null, f1: null });
    expect(summarize([]).articles).toBe(0);
  });

  it('scores provisional actors by key with the linked ones, and reports what they moved apart', () => {
    const withProvisional = (keys: [string, ActorKind][]): LinkResult => ({
      ...result(['ruritania'], []),
      provisional: keys.map(([key, kind]) => ({ key, name: key, kind, description: null, mentions: [{ start: 0, end: 0, text: '', method: 'RULE', confidence: 0.8 }] })),
    });
    const s = score(gold({ actors: ['ruritania', 'rudolf', 'zenda'] }), withProvisional([['rudolf', 'PERSON'], ['zenda', 'ORGANIZATION'], ['osra', 'PERSON']]));
    expect(s.actors).toMatchObject({ found: ['ruritania', 'rudolf', 'zenda'], spurious: ['osra'], missed: [] });
    expect(s.provisional).toEqual({ found: ['rudolf', 'zenda'], spurious: ['osra'], kindsChecked: 2, kindsCorrect: 1 });
    expect(s.kinds.errors).toEqual([{ slug: 'zenda', gold: 'STATE', linked: 'ORGANIZATION', provisional: true }]);
    const summary = summarize([s]);
    expect(summary.actors).toMatchObject({ tp: 3, fp: 1, fn: 0 });
    expect(summary.provisional).toEqual({
      found: 2,
      foundKeys: ['rudolf', 'zenda'],
      spurious: 1,
      spuriousKeys: ['osra'],
      kinds: { checked: 2, correct: 1, accuracy: 0.5 },
    });
  });

  it('micro-averages: counts are summed over articles before the ratios are taken', () => {
    const big = score(gold({ id: 'big', actors: ['ruritania', 'rudolf', 'red-hand', 'league'] }), result(['ruritania', 'rudolf', 'red-hand', 'league'], []));
    const small = score(gold({ id: 'small', actors: ['ruritania'] }), result(['rudolf'], []));
    const summary = summarize([big, small]).actors;
    expect(summary).toMatchObject({ tp: 4, fp: 1, fn: 1, precision: 0.8, recall: 0.8 });
  });
});

describe('unlinked traps', () => {
  const body = 'De Ruritaanse minister sprak in Strelsau met The Strelsau Post. Later kwam Rudolf Rassendyll naar Strelsau.';
  const linkedAt = (slug: string, text: string, from = 0): LinkedActor => ({ slug, mentions: [mention(body, text, from)] });

  it('finds the trap in the first occurrence of its context', () => {
    const at = body.indexOf('naar Strelsau') + 'naar '.length;
    expect(locateSpan(body, { text: 'Strelsau', context: 'naar Strelsau' })).toEqual({ start: at, end: at + 'Strelsau'.length });
    expect(locateSpan(body, { text: 'Strelsau', context: 'in Zenda' })).toBeNull();
    expect(locateSpan(body, { text: 'Zenda', context: 'naar Strelsau' })).toBeNull();
  });

  it('reports a trap that a mention falls inside', () => {
    const traps = [
      { text: 'Strelsau', context: 'in Strelsau met' },
      { text: 'The Strelsau Post', context: 'met The Strelsau Post' },
    ];
    const hit = checkTraps(body, traps, [linkedAt('ruritania', 'Strelsau', body.indexOf('The'))]);
    expect(hit.checked).toBe(2);
    expect(hit.linked).toEqual([{ ...traps[1], slugs: ['ruritania'] }]);
  });

  it('does not count a longer mention that encloses the trap, but counts one of the same span', () => {
    const trap = { text: 'Rudolf', context: 'kwam Rudolf Rassendyll' };
    expect(checkTraps(body, [trap], [linkedAt('rassendyll', 'Rudolf Rassendyll')]).linked).toEqual([]);
    expect(checkTraps(body, [trap], [linkedAt('rudolf', 'Rudolf')]).linked).toEqual([{ ...trap, slugs: ['rudolf'] }]);
  });

  it('sets apart traps that are not in the clean body', () => {
    const traps = [{ text: 'Belga', context: 'Bron: Belga' }];
    expect(checkTraps(body, traps, [])).toEqual({ checked: 0, linked: [], notInBody: traps });
  });

  it('are scored with the article', () => {
    const g = gold({ actors: ['ruritania'], conflicts: [], unlinked: [{ text: 'Strelsau', context: 'naar Strelsau' }] });
    const r: LinkResult = { actors: [linkedAt('ruritania', 'Ruritaanse'), { slug: 'ruritania', mentions: [mention(body, 'Strelsau', body.indexOf('naar'))] }], conflicts: [], provisional: [] };
    const s = score(g, r, body);
    expect(s.traps.linked).toEqual([{ text: 'Strelsau', context: 'naar Strelsau', slugs: ['ruritania'] }]);
    expect(summarize([s]).traps).toEqual({ total: 1, checked: 1, linked: 1, notInBody: 0 });
  });
});

describe('scoring by class', () => {
  // 'sapt' is a person the gold names but the knowledge base lacks; 'herald' an organisation outside the registry.
  const kb: KbIndex = { ...KB, actorKinds: new Map([...KB.actorKinds, ['herald', 'ORGANIZATION'], ['black-michael', 'PERSON']]) };
  const classes = new Map([...CLASSES, ['sapt', 'person' as const], ['senate', 'body' as const]]);

  it('splits the actor counts by class, people by whether the knowledge base has them', () => {
    const g = gold({ actors: ['ruritania', 'zenda', 'rudolf', 'sapt', 'red-hand', 'league', 'senate'] });
    const s = score(g, result(['ruritania', 'rudolf', 'league', 'herald', 'black-michael'], []), '', kb, classes);
    expect(s.classes).toEqual({
      'people-in-kb': { tp: 1, fp: 1, fn: 0 },
      'people-not-in-kb': { tp: 0, fp: 0, fn: 1 },
      states: { tp: 1, fp: 0, fn: 1 },
      bodies: { tp: 0, fp: 1, fn: 1 },
      international: { tp: 1, fp: 0, fn: 0 },
      'armed-groups': { tp: 0, fp: 0, fn: 1 },
    });
    const summary = summarize([s]);
    const sum = (field: 'tp' | 'fp' | 'fn') => Object.values(summary.classes).reduce((total, c) => total + c[field], 0);
    expect([sum('tp'), sum('fp'), sum('fn')]).toEqual([summary.actors.tp, summary.actors.fp, summary.actors.fn]);
    expect(summary.classes.states).toMatchObject({ precision: 1, recall: 0.5 });
    expect(summary.classes['people-not-in-kb']).toMatchObject({ precision: null, recall: 0, f1: null });
  });

  it('counts a provisional actor as linked under its key, with its own kind', () => {
    const g = gold({ actors: ['ruritania', 'sapt'], conflicts: [] });
    const r: LinkResult = { ...result(['ruritania'], []), provisional: [provisional('sapt', 'PERSON'), provisional('fritz-von-tarlenheim', 'PERSON')] };
    const s = score(g, r, '', kb, classes);
    expect(s.actors).toMatchObject({ found: ['ruritania', 'sapt'], spurious: ['fritz-von-tarlenheim'], missed: [] });
    expect(s.classes['people-not-in-kb']).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.kinds).toMatchObject({ checked: 2, correct: 2 });
    const wrongKind = score(g, { ...r, provisional: [provisional('sapt', 'ORGANIZATION')] }, '', kb, classes);
    expect(wrongKind.kinds.errors).toEqual([{ slug: 'sapt', gold: 'PERSON', linked: 'ORGANIZATION', provisional: true }]);
  });

  it('puts a false positive outside the registry in the class of its linked kind', () => {
    const r: LinkResult = { ...result(['ruritania', 'rudolf', 'herald'], []), provisional: [provisional('grey-hats', 'ARMED_GROUP'), provisional('zenda-town', 'STATE')] };
    const s = score(gold({ conflicts: [] }), r, '', kb, classes);
    expect(s.classes).toMatchObject({ bodies: { fp: 1 }, 'armed-groups': { fp: 1 }, states: { tp: 1, fp: 1 } });
  });
});

describe('name forms', () => {
  const body = 'Premier Rassendylls kabinet sprak met Strelsau. De Zwarte Michael zweeg; Rudolf ook.';
  const at = (slug: string, text: string) => ({ slug, mentions: [mention(body, text)] });
  const forms = [
    { text: 'Rassendylls', context: 'Premier Rassendylls', slug: 'rudolf' },
    { text: 'Strelsau', context: 'met Strelsau', slug: 'ruritania' },
    { text: 'Zwarte Michael', context: 'De Zwarte Michael', slug: 'black-michael' },
    { text: 'Rudolf', context: 'Rudolf ook', slug: 'rudolf' },
  ];

  const named = ['rudolf', 'ruritania', 'black-michael'];

  it('finds a form linked to its slug, even by a longer or shorter mention, and tells wrong links from misses', () => {
    const actors = [at('rudolf', 'Premier Rassendylls'), at('ruritania', 'Strel'), at('michael', 'Zwarte Michael'), at('league', 'Rudolf'), at('rudolf', 'Rudolf')];
    const scored = checkForms(body, forms, actors, named);
    expect(scored.found).toEqual([forms[0], forms[1], forms[3]]);
    expect(scored.wrong).toEqual([{ ...forms[2], linked: ['michael'] }]);
    expect(checkForms(body, forms, [], named).missed).toEqual(forms);
    expect(checkForms(body, [{ ...forms[0]!, context: 'Koning Rassendylls' }], actors, named).notInBody).toHaveLength(1);
  });

  it('counts a form linked only to another actor the text names as missed, not wrong', () => {
    const army = { text: 'Ruritaanse leger', context: 'het Ruritaanse leger', slug: 'ruritanian-army' };
    const text = 'Toen trok het Ruritaanse leger zich terug.';
    const adjective = [{ slug: 'ruritania', mentions: [mention(text, 'Ruritaanse')] }];
    expect(checkForms(text, [army], adjective, ['ruritania', 'ruritanian-army'])).toMatchObject({ wrong: [], missed: [army] });
    expect(checkForms(text, [army], adjective, ['ruritanian-army']).wrong).toEqual([{ ...army, linked: ['ruritania'] }]);
  });

  it('are scored with the article, provisional actors included: a wrong link is a false positive and a miss', () => {
    const g = gold({ actors: ['ruritania', 'rudolf', 'black-michael'], conflicts: [], forms });
    const r: LinkResult = {
      actors: [at('rudolf', 'Rassendylls'), at('ruritania', 'Strelsau')],
      conflicts: [],
      provisional: [provisional('de-zwarte', 'PERSON', at('x', 'De Zwarte').mentions)],
    };
    const summary = summarize([score(g, r, body)]);
    expect(summary.forms).toMatchObject({ tp: 2, fp: 1, fn: 2, precision: 2 / 3, recall: 0.5 });
    const fixed = { ...r, provisional: [provisional('black-michael', 'PERSON', at('x', 'Zwarte Michael').mentions)] };
    expect(summarize([score(g, fixed, body)]).forms).toMatchObject({ tp: 3, fp: 0, fn: 1 });
  });
});

describe('gold files', () => {
  it('rejects an article that uses a slug missing from the registry or the catalogue', () => {
    const json = {
      conflicts: { 'ruritanian-war': { name: 'Ruritanian War', description: 'Made up.' } },
      actors: { ruritania: { name: 'Ruritania', kind: 'STATE', class: 'state' } },
      articles: { a1: { actors: ['ruritania', 'zenda'], conflicts: ['ruritanian-war', 'other-war'] } },
    };
    expect(() => readEvalGold(json)).toThrow(GoldError);
    expect(() => readEvalGold(json)).toThrow(/zenda is not in the registry[\s\S]*other-war is not in the catalogue/);
  });

  it('reads the seeds gold, skipping comments and unscored fields, and scoring its mentions as forms', () => {
    const form = { slug: 'ruritania', text: 'Strelsau', context: 'meldt Strelsau' };
    const articles = readSeedsGold({
      $comment: 'x',
      s1: { actors: ['ruritania'], conflicts: [], mainConflict: null, mentions: [form] },
      s2: { actors: [], conflicts: [] },
    });
    expect(articles).toEqual([
      { id: 's1', actors: ['ruritania'], conflicts: [], conflictsAllowed: [], unlinked: [], forms: [form] },
      { id: 's2', actors: [], conflicts: [], conflictsAllowed: [], unlinked: [], forms: [] },
    ]);
  });

  const registryGold = (actors: Record<string, unknown>, article: Record<string, unknown>) => ({
    conflicts: {},
    actors,
    articles: { a1: { conflicts: [], ...article } },
  });

  it('requires a class for every registry actor, one that fits its kind', () => {
    const state = { name: 'Ruritania', kind: 'STATE', class: 'state' };
    expect(readEvalGold(registryGold({ ruritania: state }, { actors: ['ruritania'] })).actors.get('ruritania')).toEqual(state);
    expect(() => readEvalGold(registryGold({ ruritania: { name: 'Ruritania', kind: 'STATE' } }, { actors: [] }))).toThrow(/actors\.ruritania\.class/);
    expect(() => readEvalGold(registryGold({ ruritania: { ...state, class: 'nation' } }, { actors: [] }))).toThrow(GoldError);
    const league = { name: 'League', kind: 'ORGANIZATION' };
    for (const fits of ['body', 'international']) expect(() => readEvalGold(registryGold({ league: { ...league, class: fits } }, { actors: [] }))).not.toThrow();
    expect(() => readEvalGold(registryGold({ league: { ...league, class: 'armed-group' } }, { actors: [] }))).toThrow(
      /league: class armed-group does not fit kind ORGANIZATION/,
    );
  });

  it('rejects a form whose slug is not among its text\'s actors', () => {
    const actors = { ruritania: { name: 'Ruritania', kind: 'STATE', class: 'state' }, rudolf: { name: 'Rudolf', kind: 'PERSON', class: 'person' } };
    const form = { text: 'Strelsau', context: 'in Strelsau', slug: 'ruritania' };
    expect(readEvalGold(registryGold(actors, { actors: ['ruritania'], forms: [form] })).articles[0]!.forms).toEqual([form]);
    expect(() => readEvalGold(registryGold(actors, { actors: ['rudolf'], forms: [form] }))).toThrow(/a1: form "Strelsau" links to ruritania, which is not among/);
  });

  it('reads the real-style set beside the articles, checked the same way', () => {
    const actors = { ruritania: { name: 'Ruritania', kind: 'STATE', class: 'state' } };
    const json = { ...registryGold(actors, { actors: ['ruritania'] }), realStyle: { r1: { actors: ['zenda'], conflicts: [] } } };
    expect(() => readEvalGold(json)).toThrow(/r1: actor zenda is not in the registry/);
    const good = readEvalGold({ ...json, realStyle: { r1: { actors: ['ruritania'], conflicts: [] } } });
    expect(good.realStyle.map((a) => a.id)).toEqual(['r1']);
    expect(readEvalGold(registryGold(actors, { actors: [] })).realStyle).toEqual([]);
  });

  it('suggests renames for slugs the knowledge base spells differently, without guessing beyond names', () => {
    const goldNames = new Map([
      ['red-hand-society', { name: 'Red Hand Society' }],
      ['league-of-nations', { name: 'League of Nations' }],
      ['peoples-army-ruritania', { name: "People's Army (Ruritania)" }],
      ['ruritania', { name: 'Ruritania' }],
      ['zenda', { name: 'Zenda' }],
    ]);
    const kb = [
      { slug: 'redhand-society', name: 'The Red Hand' },
      { slug: 'lon', name: 'LoN', aliases: ['League of Nations', 'Volkenbond'] },
      { slug: 'peoples-army', name: "People's Army" },
      { slug: 'ruritania', name: 'Ruritania' },
    ];
    expect(suggestRenames(goldNames, kb)).toEqual([
      { gold: 'league-of-nations', kb: 'lon', why: 'name' },
      { gold: 'peoples-army-ruritania', kb: 'peoples-army', why: 'name' },
      { gold: 'red-hand-society', kb: 'redhand-society', why: 'slug' },
    ]);
  });
});

describe('identity of actors spelled otherwise', () => {
  const goldNames = new Map([
    ['sergey-aksyonov', { name: 'Sergey Aksyonov' }],
    ['michael-keating-diplomat', { name: 'Michael Keating (diplomat)' }],
    ['national-oil-corporation', { name: 'National Oil Corporation' }],
    ['league-of-nations', { name: 'League of Nations' }],
    ['rudolf', { name: 'Rudolf' }],
  ]);
  const identity = identityOf([{ gold: 'league-of-nations', kb: 'league', why: 'name' }], goldNames);
  const body = 'Sergej Aksjonov sprak met de Nationale Oliemaatschappij en de Volkenbond. Michael Keating zweeg.';
  const byName = (key: string, name: string, kind: ActorKind, text: string): ProvisionalActor => ({
    key,
    name,
    kind,
    description: null,
    mentions: [mention(body, text)],
  });
  const scoreWith = (g: GoldArticle, r: LinkResult) =>
    scoreArticle({ gold: g, result: r, body, kb: KB, goldKinds: KINDS, goldClasses: CLASSES, identity });

  it('tells a transliterated person, a disambiguated name and a gold form apart from new actors', () => {
    const g = gold({
      actors: ['sergey-aksyonov', 'michael-keating-diplomat', 'national-oil-corporation', 'league-of-nations'],
      forms: [{ text: 'Nationale Oliemaatschappij', context: 'de Nationale Oliemaatschappij', slug: 'national-oil-corporation' }],
    });
    const r: LinkResult = {
      ...result([], []),
      actors: [{ slug: 'league', mentions: [mention(body, 'Volkenbond')] }],
      provisional: [
        byName('sergej-aksjonov', 'Sergej Aksjonov', 'PERSON', 'Sergej Aksjonov'),
        byName('michael-keating', 'Michael Keating', 'PERSON', 'Michael Keating'),
        byName('nationale-oliemaatschappij', 'Nationale Oliemaatschappij', 'ORGANIZATION', 'Nationale Oliemaatschappij'),
      ],
    };
    const s = scoreWith(g, r);
    expect(s.actors.missed).toEqual([]);
    expect(s.actors.spurious).toEqual([]);
    expect(s.provisional.found.sort()).toEqual(['michael-keating-diplomat', 'national-oil-corporation', 'sergey-aksyonov']);
  });

  it('keeps a provisional actor for an actor the knowledge base holds an error, and another person apart', () => {
    // `league` holds the League of Nations: a provisional `volkenbond` for the gold form is a duplicate.
    const g = gold({
      actors: ['league-of-nations', 'sergey-aksyonov'],
      forms: [{ text: 'Volkenbond', context: 'de Volkenbond', slug: 'league-of-nations' }],
    });
    const r: LinkResult = {
      ...result([], []),
      provisional: [
        byName('volkenbond', 'Volkenbond', 'ORGANIZATION', 'Volkenbond'),
        byName('sergej-aksakov', 'Sergej Aksakov', 'PERSON', 'Sergej Aksjonov'),
      ],
    };
    const s = scoreWith(g, r);
    expect(s.actors.found).toEqual([]);
    expect(s.actors.spurious.sort()).toEqual(['sergej-aksakov', 'volkenbond']);
  });

  it('renames a gold person to a KB person of the same name transliterated, not to one whose skeleton alone agrees', () => {
    const goldPeople = new Map([
      ['shah-mehmood-qureshi', { name: 'Shah Mehmood Qureshi', kind: 'PERSON' }],
      ['mohamed-yusuf', { name: 'Mohamed Yusuf', kind: 'PERSON' }],
      ['vlaams-belang', { name: 'Vlaams Belang', kind: 'ORGANIZATION' }],
    ]);
    const kb = [
      { slug: 'shah-mahmood-qureshi', name: 'Shah Mahmood Qureshi', kind: 'PERSON' },
      { slug: 'mahamadou-issoufou', name: 'Mahamadou Issoufou', kind: 'PERSON' },
      { slug: 'flemish-interest', name: 'Flemish Interest', nameNl: 'Vlaams Belang', kind: 'ORGANIZATION' },
    ];
    expect(suggestRenames(goldPeople, kb)).toEqual([
      { gold: 'shah-mehmood-qureshi', kb: 'shah-mahmood-qureshi', why: 'transliteration' },
      { gold: 'vlaams-belang', kb: 'flemish-interest', why: 'name' },
    ]);
  });

  it('matches transliterations word by word, and organisations only by their English name', () => {
    expect(sameName('Moestafa Dzjemiljev', 'Mustafa Dzhemilev', true)).toBe(true);
    expect(sameName('Denis Berezovski', 'Denis Berezovsky', true)).toBe(true);
    expect(sameName('Serhij Hajdoek', 'Serhiy Haiduk', true)).toBe(true);
    expect(sameName('Mohamed Yusuf', 'Mahamadou Issoufou', true)).toBe(false);
    expect(sameName('Ali Karaki', 'Eli Karaki', true)).toBe(false);
    expect(sameName('Aksjonov', 'Sergey Aksyonov', true)).toBe(false);
    expect(sameName('Centrale Bank', 'Central Bank', false)).toBe(false);
    expect(sameName('Chatham House', 'Chatham House', false)).toBe(true);
  });
});

describe.each([
  { set: 'articles', folder: 'articles', minTexts: 20, words: [150, 600] },
  { set: 'realStyle', folder: 'real-style', minTexts: 12, words: [600, 1200] },
  { set: 'blind', folder: 'blind', minTexts: 12, words: [450, 1200] },
  { set: 'blind2', folder: 'blind-2', minTexts: 12, words: [600, 1200] },
  { set: 'blind3', folder: 'blind-3', minTexts: 12, words: [400, 1200] },
  { set: 'blind4', folder: 'blind-4', minTexts: 10, words: [600, 1200] },
  { set: 'blind5', folder: 'blind-5', minTexts: 10, words: [400, 1200] },
  { set: 'blind6', folder: 'blind-6', minTexts: 10, words: [600, 1200] },
  { set: 'blind7', folder: 'blind-7', minTexts: 10, words: [600, 1200] },
  { set: 'blind8', folder: 'blind-8', minTexts: 12, words: [650, 1200] },
] as const)('held-out fixtures: $folder', ({ set, folder, minTexts, words: [minWords, maxWords] }) => {
  const root = new URL('..', import.meta.url).pathname;
  const dir = `${root}test/fixtures/eval/${folder}`;
  const files = readdirSync(dir).filter((file) => file.endsWith('.txt'));
  const gold = readEvalGold(JSON.parse(readFileSync(`${root}test/fixtures/eval/gold.json`, 'utf8')));
  const texts = new Map(files.map((file) => [file.slice(0, -4), readFileSync(`${dir}/${file}`, 'utf8')]));

  it(`has at least ${minTexts} texts, each with a gold entry, and no gold entry without its text`, () => {
    expect(files.length).toBeGreaterThanOrEqual(minTexts);
    expect([...texts.keys()].sort()).toEqual(gold[set].map((article) => article.id).sort());
  });

  it('gives every actor its texts name a kind and a class', () => {
    for (const article of gold[set]) {
      for (const slug of article.actors) expect(gold.actors.get(slug), `${article.id}: ${slug}`).toMatchObject({ kind: expect.any(String), class: expect.any(String) });
    }
  });

  it.each([...texts])('%s parses; its traps are in the clean body or removed by the parser, its forms in the clean body', (id, text) => {
    const article = parseArticle({ externalId: id, text });
    const words = text.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(minWords);
    expect(words).toBeLessThanOrEqual(maxWords);
    const entry = gold[set].find((a) => a.id === id)!;
    expect(entry.actors.length).toBeGreaterThan(0);
    expect(entry.conflicts.length).toBeGreaterThan(0);
    for (const trap of entry.unlinked) {
      // A trap the body lacks must be one the parser removed (credit, byline, dateline), not a typo.
      if (!locateSpan(article.body, trap)) expect(text, `trap ${JSON.stringify(trap)}`).toContain(trap.context);
    }
    for (const form of entry.forms) expect(locateSpan(article.body, form), `form ${JSON.stringify(form)}`).not.toBeNull();
  });
});

describe('npm run eval', () => {
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [...nodeArgsFor('src/cli/eval.ts'), ...args], {
      cwd: new URL('..', import.meta.url).pathname,
      maxBuffer: 16 * 1024 * 1024,
    });

  it('prints figures for every set as JSON and exits 0', async () => {
    const { stdout } = await run('--json');
    const report = JSON.parse(stdout) as {
      knowledgeBase: { actors: number };
      sets: {
        name: string;
        summary: {
          articles: number;
          actors: { tp: number; fn: number; recall: number };
          classes: Record<string, { tp: number; fn: number }>;
          forms: { tp: number; fn: number };
        };
      }[];
    };
    expect(report.knowledgeBase.actors).toBeGreaterThan(0);
    expect(report.sets.map((set) => set.name)).toEqual(['seeds', 'held-out', 'real-style', 'blind', 'blind-2', 'blind-3', 'blind-4', 'blind-5', 'blind-6', 'blind-7', 'blind-8']);
    const count = (folder: string) => readdirSync(new URL(`fixtures/eval/${folder}`, import.meta.url)).filter((f) => f.endsWith('.txt')).length;
    expect(report.sets.map((set) => set.summary.articles)).toEqual([5, count('articles'), count('real-style'), count('blind'), count('blind-2'), count('blind-3'), count('blind-4'), count('blind-5'), count('blind-6'), count('blind-7'), count('blind-8')]);
    for (const set of report.sets) {
      expect(set.summary.actors.recall).toEqual(expect.any(Number));
      const byClass = Object.values(set.summary.classes);
      expect(byClass.reduce((total, c) => total + c.tp + c.fn, 0)).toBe(set.summary.actors.tp + set.summary.actors.fn);
      expect(set.summary.forms.tp + set.summary.forms.fn).toBeGreaterThan(0);
    }
  });

  it('prints a table per set, and the errors with --verbose', async () => {
    const { stdout } = await run('--verbose');
    expect(stdout).toMatch(/^seeds: 5 texts/m);
    expect(stdout).toMatch(/^held-out: \d+ texts/m);
    expect(stdout).toMatch(/^real-style: \d+ texts/m);
    expect(stdout).toMatch(/^blind: \d+ texts/m);
    expect(stdout).toMatch(/^blind-2: \d+ texts/m);
    for (const label of ['people in KB', 'people not in KB', 'states', 'bodies', 'international', 'armed groups', 'name forms']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${label} +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ `, 'm'));
    }
    expect(stdout).toMatch(/^ {2}actors +\d+ +\d+ +\d+ +\d+ +\d+ +\(\d+\) +[\d.]+% /m);
    expect(stdout).toContain('kind accuracy');
    expect(stdout).toContain('held-out: errors per text');
  });
});

describe('place scores', () => {
  const place = (id: string | null, name: string, country: string): GoldPlace => ({ id, name, forms: [name], kind: 'CITY', country });
  const gold = [place('geonames:1', 'Strelsau', 'RU'), place('geonames:2', 'Zenda', 'RU'), place(null, 'Tarlenheim', 'RU'), place(null, 'Hentzau', 'RU')];

  it('scores the country of what was found over every place found, and its recall over the places the gazetteer holds', () => {
    const score = scoreText(
      [
        { id: 'geonames:1', country: 'RU', forms: ['Strelsau'] },
        // A namesake in the right country for a settlement the gazetteer lacks: right country, wrong place.
        { id: 'geonames:9', country: 'RU', forms: ['Tarlenheim'] },
        { id: 'geonames:8', country: 'XX', forms: ['Elsewhere'] },
      ],
      gold,
    );
    expect(score.id).toEqual({ tp: 1, fp: 2, fn: 1 });
    // Hentzau, which no linker over the gazetteer can find, is no country miss; Zenda is.
    expect(score.country).toEqual({ tp: 2, fp: 1, found: 1, fn: 1 });
    expect(score.notInGazetteer).toBe(2);
    expect(score.missed).toEqual(['Zenda (geonames:2, RU)', 'Hentzau (no id, RU)']);
  });
});
