import type { ActorKind } from '../linking/types.js';
import type { KbSource } from '../linking/kb-schema.js';

/** A role as a generated file writes it: dates are ISO, null when open or not known. */
export interface ImportedRole {
  title: string;
  for: string | null;
  code: string;
  from: string | null;
  to: string | null;
}

/** An actor entry of a generated file, in the shape of the curated YAML entries. */
export interface ImportedActor {
  slug: string;
  name: string;
  nameNl: string;
  wikidata: string | null;
  country: string | null;
  aliases: string[];
  surnames: string[];
  contextNames: string[];
  /** Names kept for the API that never link: short or shared names of an actor whose state the base lacks. */
  unlinkedNames: string[];
  roles: ImportedRole[];
}

/** One generated file: `seeds/kb/imported/<file>`. */
export interface GeneratedFile {
  file: string;
  source: KbSource;
  kind: ActorKind;
  actors: ImportedActor[];
}

/** What an import left out and why, for the report the command prints. */
export interface ImportNotes {
  /** Entries already curated: `source id → curated slug`. */
  curated: { id: string; slug: string; by: 'wikidata' | 'slug' | 'name' }[];
  skipped: { id: string; reason: string }[];
}
