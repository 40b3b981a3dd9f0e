import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';

// Conflicts of the knowledge base that are crises and short wars: written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = createLinker(loadKnowledgeBase());
});

const conflicts = (body: string, publishedOn: string) => linker.link({ title: '', body, publishedOn }).conflicts.map((c) => c.slug);

describe('crises and short wars', () => {
  it('reads news in the month after a part of a conflict ended as news of that part, later as news of the whole', () => {
    const body =
      'Azerbeidzjaanse artillerie beschoot doelen rond Jermuk en Goris op Armeens grondgebied. Armenië en Azerbeidzjan ' +
      'verwijten elkaar de eerste schoten; bij de grensgevechten vielen meer dan honderd doden. Het conflict over ' +
      'Nagorno-Karabach duurt al dertig jaar.';
    // The border crisis ended on 14 September 2022.
    expect(conflicts(body, '2022-09-16')).toEqual(['armenia-azerbaijan-border-crisis', 'nagorno-karabakh-conflict']);
    expect(conflicts(body, '2023-03-01')).toEqual(['nagorno-karabakh-conflict']);
  });

  it('links an uprising met with force by its places and its parties', () => {
    const body =
      'Op het Tahrirplein in Kaïro eisten honderdduizenden het vertrek van president Hosni Moebarak. Het Egyptische ' +
      'leger greep niet in; de Moslimbroederschap riep op tot nieuwe betogingen.';
    expect(conflicts(body, '2011-02-05')).toEqual(['egyptian-revolution-of-2011']);
    expect(conflicts(body, '2016-02-05')).toEqual([]);
  });
});
