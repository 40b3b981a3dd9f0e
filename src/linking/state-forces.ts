import type { ActorEntry } from './kb-schema.js';
import { countries, slugOf } from './states.js';
import type { KbStateCodes } from './types.js';

/*
 * Every state has armed forces and a parliament, and outlets name them by the state's adjective (`het Nigeriaanse leger`, `de
 * Somalische strijdkrachten`). A state whose armed forces no curated entry describes (`armedForcesOf`) gets one
 * by rule from the package's names, so that the armed-forces rule links them as what they are, an organisation of
 * the state, rather than the state alone. A curated entry of the same slug, or any curated `armedForcesOf` for the
 * state, wins.
 */

/**
 * The derived armed forces (`armedForcesOf`) or national parliaments (`parliamentOf`) of the states that `curated`
 * gives none. A parliament is named `Parliament of <State>`, whatever its own name: curate it where it matters.
 */
export function derivedStateBodies(
  field: 'armedForcesOf' | 'parliamentOf',
  states: readonly { value: ActorEntry }[],
  codes: readonly KbStateCodes[],
  curated: readonly { value: ActorEntry }[],
): ActorEntry[] {
  const covered = new Set(curated.flatMap(({ value }) => (value[field] ? [value[field]] : [])));
  const taken = new Set(curated.map(({ value }) => value.slug));
  const iso = new Map(codes.map((c) => [c.slug, c.isoAlpha3]));
  const byIso = new Map(countries.map((c) => [c.cca3, c]));
  const demonymCount = new Map<string, number>();
  for (const { value } of states) {
    const demonym = byIso.get(iso.get(value.slug) ?? '')?.demonyms?.['eng']?.m;
    if (demonym) demonymCount.set(demonym, (demonymCount.get(demonym) ?? 0) + 1);
  }
  const derived: ActorEntry[] = [];
  for (const { value: state } of states) {
    if (covered.has(state.slug)) continue;
    const country = byIso.get(iso.get(state.slug) ?? '');
    const demonym = country?.demonyms?.['eng']?.m;
    // `Congolese` is the adjective of two states: their forces are named by the state instead.
    const own = demonym && demonymCount.get(demonym) === 1 ? `${demonym} Armed Forces` : null;
    const forces = field === 'armedForcesOf';
    const name = forces ? own ?? `Armed Forces of ${state.name}` : `Parliament of ${state.name}`;
    const slug = slugOf(name);
    if (taken.has(slug)) continue;
    const official = country?.name.official;
    const aliases = (
      forces
        ? [`${state.name} Armed Forces`, `Armed Forces of ${state.name}`, official ? `${official} Armed Forces` : null]
        : [demonym && demonymCount.get(demonym) === 1 ? `${demonym} Parliament` : null]
    ).filter((alias): alias is string => alias !== null && alias !== name);
    derived.push({
      slug,
      name,
      nameNl: `${forces ? 'Strijdkrachten' : 'Parlement'} van ${state.nameNl}`,
      wikidata: null,
      aliases: [...new Set(aliases)],
      surnames: [],
      adjectives: [],
      demonyms: [],
      metonyms: [],
      capitals: [],
      unlinkedNames: [],
      country: state.slug,
      contextNames: [],
      armedForcesOf: forces ? state.slug : null,
      parliamentOf: forces ? null : state.slug,
      branchOf: null,
      // Like the curated chambers, a parliament holds no role (LEG is the code of its members' seats).
      roles: forces ? [{ title: `Armed forces of ${state.name}`, for: state.slug, code: 'MIL', from: null, to: null }] : [],
    });
  }
  return derived;
}
