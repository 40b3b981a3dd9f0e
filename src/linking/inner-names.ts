import type { Lexicon } from './lexicon.js';
import type { ResolvedMention } from './resolve.js';
import type { Token } from './text.js';
import type { KbActor } from './types.js';

/** Kinds of actor whose name inside another body's name is a mention of them too. */
const PARENT_KINDS = new Set<KbActor['kind']>(['ORGANIZATION', 'STATE']);
const ARTICLES = new Set(['de', 'het']);

/**
 * The organisations and states named at the end of the name of another body: `VN` in `het Wereldvoedselprogramma
 * van de VN`, `Verenigde Naties` in `de Algemene Vergadering van de Verenigde Naties`. The name of the body wins
 * the span (it is what the text refers to), but the text names its parent as well, as a reader and an annotator
 * count it. Only a whole name counts: everything after the body's last `van (de|het)`, read by the knowledge base
 * as one organisation or state and nothing else.
 *
 * A parent before a hyphen (`VN-Veiligheidsraad`) would start where the body starts, and a stored mention is
 * keyed by where it starts, so those are not read here.
 */
export function innerMentions(
  tokens: Token[],
  mentions: ResolvedMention[],
  lexicon: Lexicon,
  actors: Map<string, KbActor>,
): ResolvedMention[] {
  const found: ResolvedMention[] = [];
  for (const mention of mentions) {
    if (mention.end - mention.start < 2) continue;
    const add = (start: number, end: number) => {
      const parent = parentIn(tokens, start, end, lexicon, actors);
      if (parent === null || parent === mention.slug) return;
      // Already read there (`het leger van Mali` names Mali through the armed forces' rule), or another
      // mention starts there (one mention per place where it starts).
      if (mentions.some((m) => m.start === start || (m.slug === parent && m.start < end && start < m.end))) return;
      found.push({ start, end, slug: parent, via: 'name', candidates: 1 });
    };
    for (let i = mention.end - 2; i > mention.start; i--) {
      if (tokens[i]!.key !== 'van') continue;
      const from = ARTICLES.has(tokens[i + 1]!.key) ? i + 2 : i + 1;
      if (from < mention.end) add(from, mention.end);
      break;
    }
  }
  return found;
}

/** The one organisation or state that the words from `start` to `end` name in full, if any. */
function parentIn(tokens: Token[], start: number, end: number, lexicon: Lexicon, actors: Map<string, KbActor>): string | null {
  const match = lexicon.actors.longest(tokens, start, end);
  if (match === null || match.end !== end) return null;
  const slugs = new Set<string>();
  for (const hit of match.values) {
    if (hit.kind !== 'actor' || hit.type !== 'name') return null;
    slugs.add(hit.slug);
  }
  if (slugs.size !== 1) return null;
  const [slug] = slugs;
  return PARENT_KINDS.has(actors.get(slug!)?.kind ?? 'PERSON') ? slug! : null;
}
