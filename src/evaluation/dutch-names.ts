import { englishReadings, englishWords } from '../linking/dutch-names.js';

/*
 * A provisional organisation is named as the text writes it, in Dutch (`Universiteit van Cyprus`, `Libische
 * Centrale Bank`); the gold by its English Wikipedia title (`University of Cyprus`, `Central Bank of Libya`). The
 * evaluation reads the Dutch name word for word in English (src/linking/dutch-names.ts) and counts the two as one
 * name when they have the same words, in any order.
 */

/** `ENH` for `Empresa Nacional de Hidrocarbonetos`: an acronym of the capitalised words of the English (or native) name. */
function isInitialsOf(acronym: string, gold: string): boolean {
  if (!/^\p{Lu}{2,6}$/u.test(acronym)) return false;
  const initials = gold
    .replace(/\s*\([^)]*\)$/, '')
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  return initials === acronym;
}

/**
 * Whether the Dutch name of an organisation is the English `gold` name, word for word: `Universiteit van Cyprus` is
 * `University of Cyprus`, `Tufts-universiteit` is `Tufts University`. `states` maps the folded Dutch names and
 * adjectives of the states to their English names (`libische` → `libya`).
 */
export function sameOrganizationName(dutch: string, gold: string, states: ReadonlyMap<string, string>): boolean {
  if (isInitialsOf(dutch, gold)) return true;
  // A Wikipedia disambiguator (`Coordination Council (Belarus)`) may be left out of the Dutch name.
  const targets = [englishWords(gold), englishWords(gold.replace(/\s*\([^)]*\)$/, ''))];
  return englishReadings(dutch, states).some((got) => targets.some((target) => got.size === target.size && [...got].every((w) => target.has(w))));
}
