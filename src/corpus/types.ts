/** How precisely `publishedOn` is known: the header gives a month, a byline may give the day. */
export type DatePrecision = 'DAY' | 'MONTH';

/** One article of the corpus, parsed and cleaned; what ingest stores. */
export interface ParsedArticle {
  /** The file name without its extension (or the id a client gave). */
  externalId: string;
  /** The headline where the text has one, else the first sentence cut at a word boundary (≤ 120 chars). */
  title: string;
  /** Clean paragraphs joined by "\n\n": no bylines, timestamps, source credits or repeated paragraphs. */
  body: string;
  /** Credited agencies and outlets, normalised (`Belga`, `AFP`, `De Morgen` …), in order of first credit, no repeats. */
  sources: string[];
  /** ISO date `YYYY-MM-DD`; the first of the month when the precision is MONTH. */
  publishedOn: string;
  datePrecision: DatePrecision;
  language: 'nl';
  /** The text exactly as it was read, so nothing is lost. */
  raw: string;
  /** sha256 (hex) of the clean body: the same article under another name has the same hash. */
  contentHash: string;
}

/** Why a text is not an article in the corpus format. */
export type ArticleFormatProblem =
  | 'EMPTY'
  | 'NO_DATE_LINE'
  | 'BAD_DATE'
  | 'NOT_UTF8'
  | 'NUL_CHARACTER'
  | 'TOO_LARGE'
  | 'NO_TEXT'
  | 'BAD_EXTERNAL_ID';
