import { previousWord } from './context.js';
import type { KbRole } from './types.js';
import type { Token } from './text.js';

/*
 * A title before a surname names an office: "minister Blok", "de Amerikaanse president Trump", "minister van
 * Buitenlandse Zaken Lavrov", "VN-chef Guterres", "generaal Burhan", "Kamerlid Omtzigt". The office, with the
 * date, tells which person of that surname is meant (see `resolveMentions`).
 */

interface Office {
  /** Role codes the title stands for. */
  codes: string[];
  /** What the English title of the role must say, when the code alone is too broad. */
  title?: RegExp;
}

const OFFICES: Record<string, Office> = {
  president: { codes: ['GOV', 'IGO'], title: /^(?!.*vice).*\b(president|chairman|chairperson|head of state)\b/i },
  vicepresident: { codes: ['GOV'], title: /vice.?president/i },
  'minister-president': { codes: ['GOV'], title: /prime minister|premier/i },
  premier: { codes: ['GOV'], title: /prime minister|premier|chancellor|head of government|chairman of the council of ministers/i },
  minister: { codes: ['GOV'], title: /minister|secretary|chancellor/i },
  staatssecretaris: { codes: ['GOV'], title: /secretary|minister/i },
  kanselier: { codes: ['GOV'], title: /chancellor/i },
  bondskanselier: { codes: ['GOV'], title: /chancellor/i },
  koning: { codes: ['GOV'], title: /king|monarch/i },
  koningin: { codes: ['GOV'], title: /queen|monarch/i },
  kroonprins: { codes: ['GOV'], title: /crown prince/i },
  emir: { codes: ['GOV', 'REB'], title: /emir/i },
  sultan: { codes: ['GOV'], title: /sultan/i },
  ayatollah: { codes: ['GOV'], title: /supreme leader/i },
  leider: { codes: ['GOV', 'REB', 'OPP', 'MIL', 'IGO'] },
  chef: { codes: ['GOV', 'REB', 'MIL', 'IGO'] },
  topman: { codes: ['GOV', 'REB', 'MIL', 'IGO'] },
  baas: { codes: ['GOV', 'REB', 'MIL', 'IGO'] },
  generaal: { codes: ['MIL', 'REB'] },
  maarschalk: { codes: ['MIL', 'REB'] },
  kolonel: { codes: ['MIL', 'REB'] },
  admiraal: { codes: ['MIL'] },
  commandant: { codes: ['MIL', 'REB'] },
  bevelhebber: { codes: ['MIL', 'REB'] },
  legerchef: { codes: ['MIL'] },
  legerleider: { codes: ['MIL', 'REB'] },
  stafchef: { codes: ['MIL', 'GOV'] },
  rebellenleider: { codes: ['REB'] },
  militieleider: { codes: ['REB'] },
  krijgsheer: { codes: ['REB', 'MIL'] },
  oppositieleider: { codes: ['OPP'] },
  gezant: { codes: ['DIP', 'IGO'], title: /envoy|representative|special|coordinator/i },
  ambassadeur: { codes: ['DIP'], title: /ambassador|representative/i },
  'secretaris-generaal': { codes: ['IGO', 'REB'], title: /secretary.general/i },
  aanklager: { codes: ['IGO', 'GOV'], title: /prosecutor/i },
  hoofdaanklager: { codes: ['IGO', 'GOV'], title: /prosecutor/i },
  woordvoerder: { codes: ['GOV', 'IGO', 'REB', 'MIL'], title: /spokes/i },
  kamerlid: { codes: ['LEG'] },
  senator: { codes: ['LEG'] },
  congreslid: { codes: ['LEG'] },
  parlementariër: { codes: ['LEG'] },
  parlementarier: { codes: ['LEG'] },
  europarlementariër: { codes: ['LEG'] },
  europarlementarier: { codes: ['LEG'] },
};

/** "minister van Buitenlandse Zaken": the portfolio, by the words after `van`. */
const PORTFOLIOS: [RegExp, RegExp][] = [
  [/^buitenlandse$|^zaken$/, /foreign|secretary of state$|^united states secretary of state/i],
  [/^defensie$/, /defen[cs]e|armed forces/i],
  [/^binnenlandse$/, /interior|home/i],
  [/^financien$|^financiën$/, /financ|treasury|exchequer/i],
  [/^justitie$/, /justice/i],
];
/** "oud-president", "voormalig minister", "president-elect": an office not held on the day. */
const NOT_NOW = new Set(['oud', 'ex', 'voormalig', 'voormalige', 'toenmalig', 'toenmalige', 'wijlen', 'elect', 'aanstaand', 'aanstaande', 'beoogd', 'beoogde']);

const PORTFOLIO_WORDS = new Set(['buitenlandse', 'binnenlandse', 'zaken', 'defensie', 'financien', 'justitie', 'en']);

/** A title before a name: whether a role fits it (the date aside). */
export type TitleFit = (role: KbRole) => boolean;

/**
 * The office named right before the name at token `start`, or null. `actorsEndingAt(i)` gives the states and
 * organisations whose name or adjective ends at token i: "de Amerikaanse president", "VN-chef".
 */
export function titleBefore(tokens: Token[], start: number, actorsEndingAt: (i: number) => string[]): TitleFit | null {
  let i = previousWord(tokens, start);
  if (i < 0 || !/^[ \u00a0]+$/.test(tokens[start]!.gapBefore)) return null;
  let portfolio: RegExp | undefined;
  if (PORTFOLIO_WORDS.has(tokens[i]!.key)) {
    // Back over the portfolio to `van`, then to the title before it.
    let j = i;
    while (j >= 0 && PORTFOLIO_WORDS.has(tokens[j]!.key) && i - j < 4) j = previousWord(tokens, j);
    if (j < 0 || tokens[j]!.key !== 'van') return null;
    const words = tokens.slice(j + 1, i + 1).map((t) => t.key).join(' ');
    portfolio = PORTFOLIOS.find(([word]) => words.split(' ').some((w) => word.test(w)))?.[1];
    i = previousWord(tokens, j);
    if (i < 0) return null;
  }
  const { office, prefixEnd } = officeAt(tokens, i);
  if (!office) return null;
  const before = previousWord(tokens, prefixEnd >= 0 ? prefixEnd : i);
  const earlier = before >= 0 ? previousWord(tokens, before) : -1;
  if ([prefixEnd, before, earlier].some((k) => k >= 0 && NOT_NOW.has(tokens[k]!.key))) return null;
  // The state or organisation the office is held for: joined to the title (`VN-chef`) or an adjective before it.
  let holders: string[] = [];
  if (prefixEnd >= 0) holders = actorsEndingAt(prefixEnd);
  // `de Amerikaanse president`, not `Kamerlid X (VVD) minister`: the holder's name is right before the title.
  else if (before >= 0 && /^[ \u00a0]+$/.test(tokens[i]!.gapBefore)) holders = actorsEndingAt(before);
  return (role) =>
    office.codes.includes(role.code) &&
    (office.title === undefined || office.title.test(role.title)) &&
    (portfolio === undefined || portfolio.test(role.title)) &&
    (holders.length === 0 || (role.for !== null && holders.includes(role.for)));
}

/** The office of the title ending at token `i` (`minister`, `secretaris-generaal`, `VN-chef`), and where a hyphened prefix ends. */
function officeAt(tokens: Token[], i: number): { office: Office | undefined; prefixEnd: number } {
  const token = tokens[i]!;
  const hyphened = i > 0 && /^[-\u2010\u2011]$/.test(token.gapBefore);
  if (hyphened) {
    const compound = `${tokens[i - 1]!.key}-${token.key}`;
    if (OFFICES[compound]) return { office: OFFICES[compound], prefixEnd: -1 };
    // `VN-chef`, `Hamas-leider`, `oud-president` (the prefix names no actor then).
    return { office: OFFICES[token.key], prefixEnd: i - 1 };
  }
  return { office: OFFICES[token.key], prefixEnd: -1 };
}
