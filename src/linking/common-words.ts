/*
 * Words of everyday Dutch, and English words that Dutch news prints capitalised (titles, quotes, brand names),
 * that are also surnames of people in the news. A surname that is one of them links to its person only once the
 * article has named the person in full: "Theresa May ... May zei" links, "May" alone does not. The list was drawn
 * up by checking every surname of the knowledge base against Dutch and English word lists; a name that Dutch
 * text almost never uses as a word (`Trump`, `Bush`) is left out on purpose. The last lines hold a Dutch first
 * name that is also a surname in the news (`Han`), and surnames too common to stand for one person alone.
 */
const WORDS = `
  aan af al alle als baan bal ban bank bas beek berg blank blind blok bloem boer bol bos boom borg brand breed brug
  bruin bunt burg dag dal dam das deel deken dijk ding dok dom dood dorp dra duin eik eind engel erf feit fier
  fort gans geest goed graaf groot haan haas hagel hal ham hard hart heer held hell hek hof hol hoog horn hout
  jong kaag kamp kan kar kerk khan klein koch kok koning kort kraai kroon kruis laan lam land lang lap leeuw licht
  lied lijn lof lot maan maas man mark meer mes molen mond moon muur nijs noord oost oud paal pan park pas pauw pen
  plas poort post pot raad rad ram rand rat ree rest rijk rood ros rots rover salami schaap schip school smit snel
  spek stam steen stern stok storm stroom tak tol toren vaart vaak veen veld vis vlag voet vogel vos vrij
  wal want weg wei wel west wever wiel wind winter wit wolf zee zon zout zuid zwart

  bishop bolt brown cook craft hunt dove fox frost gold good hall hill hope king knight lamb law long love major
  mason may miller moon park pierce power price rice rich rose sharp short small stone strong swift wells
  white will wise wood young

  han

  burns carter cohen cooper fletcher healey russell sullivan wallace williams
`;

const COMMON = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Whether a folded word (`foldKey`) is a common Dutch or English word. */
export function isCommonWord(key: string): boolean {
  return COMMON.has(key);
}
