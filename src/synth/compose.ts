import type { ConflictLexicon } from '../linking/kb.js';
import type { KbConflict } from '../linking/types.js';
import { firstPhrase, laterPhrase, type ActorNames, type NameIndex } from './naming.js';
import type { Random } from './random.js';
import { NUMBER_WORDS, WEEKDAYS } from './templates.js';

/** Fills templates for one article, naming each actor in full the first time and shorter afterwards. */
export class Composer {
  private readonly mentioned = new Set<string>();
  private readonly cast: ActorNames[];

  constructor(
    slugs: string[],
    private readonly conflicts: { conflict: KbConflict; lexicon: ConflictLexicon | undefined }[],
    private readonly names: NameIndex,
    private readonly date: string,
    private readonly random: Random,
  ) {
    this.cast = slugs.map((slug) => names.get(slug)!);
  }

  /** Actors of the cast not named yet. */
  unnamed(): number {
    return this.cast.filter((n) => !this.mentioned.has(n.actor.slug)).length;
  }

  /** The template filled in, or null when the cast has nothing for one of its slots. */
  fill(template: string, options: { headline?: boolean } = {}): string | null {
    const used = new Set<string>();
    let failed = false;
    const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      const value = this.slot(slot, used, options.headline ?? false);
      if (value === null) failed = true;
      return value ?? '';
    });
    return failed ? null : text.charAt(0).toUpperCase() + text.slice(1);
  }

  private slot(slot: string, used: Set<string>, headline: boolean): string | null {
    const r = this.random;
    switch (slot) {
      case 'P':
        return this.actor((n) => n.actor.kind === 'PERSON', used, headline);
      case 'S':
        return this.actor((n) => n.actor.kind === 'STATE', used, headline);
      case 'G':
        return this.actor((n) => n.actor.kind === 'ORGANIZATION' || n.actor.kind === 'ARMED_GROUP', used, headline);
      case 'X':
        return this.actor(() => true, used, headline);
      case 'ADJ':
        return this.stateForm((n) => n.adjective, used);
      case 'DEM':
        return this.stateForm((n) => n.demonym, used);
      case 'C':
        return this.conflictPhrase();
      case 'PL': {
        const places = this.conflicts.flatMap((c) => c.lexicon?.places ?? []);
        return places.length > 0 ? r.pick(places) : null;
      }
      case 'SIG': {
        const signals = this.conflicts.flatMap((c) => c.lexicon?.signals ?? []);
        return signals.length > 0 ? r.pick(signals) : null;
      }
      case 'N':
        return r.chance(0.5) ? r.pick(NUMBER_WORDS) : String(r.int(3, 400));
      case 'DAG':
        return r.pick(WEEKDAYS);
      default:
        throw new Error(`unknown template slot {${slot}}`);
    }
  }

  /** Prefers an actor not named yet, so that every actor of the cast gets named. */
  private actor(fits: (n: ActorNames) => boolean, used: Set<string>, headline: boolean): string | null {
    const free = this.cast.filter((n) => fits(n) && !used.has(n.actor.slug));
    if (free.length === 0) return null;
    const fresh = free.filter((n) => !this.mentioned.has(n.actor.slug));
    // Headlines name the article's main actors, which the body names in full anyway.
    const names = headline ? free[0]! : fresh.length > 0 ? fresh[0]! : this.random.pick(free);
    used.add(names.actor.slug);
    if (headline) return laterPhrase(names, this.random);
    if (this.mentioned.has(names.actor.slug)) return laterPhrase(names, this.random);
    this.mentioned.add(names.actor.slug);
    return firstPhrase(names, this.names, this.date, this.random);
  }

  private stateForm(form: (n: ActorNames) => string | null, used: Set<string>): string | null {
    const states = this.cast.filter((n) => n.actor.kind === 'STATE' && form(n) && !used.has(n.actor.slug));
    if (states.length === 0) return null;
    const names = this.random.pick(states);
    used.add(names.actor.slug);
    this.mentioned.add(names.actor.slug);
    return form(names);
  }

  private conflictPhrase(): string | null {
    if (this.conflicts.length === 0) return null;
    const { conflict, lexicon } = this.random.pick(this.conflicts);
    const aliases = (lexicon?.aliases ?? [conflict.nameNl]).filter(
      (a) => a !== conflict.name && !a.includes('(') && !/[^e] conflict$/.test(a) && !/[–]/.test(a) && !ENGLISH.test(a),
    );
    if (aliases.length === 0) return null;
    return withArticle(this.random.pick(aliases));
  }
}

const ENGLISH = /\b(war|War|insurgency|offensive|Operation|Persian|Red Sea)\b/;
const COMMON_START = /^(Oorlog|Burgeroorlog|Crisis|Conflict|Opstand|Diplomatieke|Jihadistisch)\b/;

/** `oorlog in Syrië` → `de oorlog in Syrië`; `Israëlisch-Palestijnse conflict` → `het Israëlisch-Palestijnse conflict`. */
function withArticle(alias: string): string {
  if (/^Operatie /.test(alias)) return alias;
  const phrase = COMMON_START.test(alias) ? alias.charAt(0).toLowerCase() + alias.slice(1) : alias;
  const head = phrase.startsWith('conflict') || phrase.startsWith('jihadistisch') || phrase.endsWith('conflict');
  return `${head ? 'het' : 'de'} ${phrase}`;
}
