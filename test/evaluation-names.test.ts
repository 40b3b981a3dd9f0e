import { describe, expect, it } from 'vitest';
import { sameOrganizationName } from '../src/evaluation/dutch-names.js';

// How the evaluation reads a provisional organisation's Dutch name against the gold's English one.

const states = new Map([
  ['libische', 'libya'],
  ['libie', 'libya'],
  ['cyprus', 'cyprus'],
  ['rusland', 'russia'],
  ['haiti', 'haiti'],
  ['bangladesh', 'bangladesh'],
  ['niger', 'niger'],
  ['kenia', 'kenya'],
  ['colombia', 'colombia'],
  ['turkije', 'turkey'],
]);

describe('Dutch names of organisations, read word for word', () => {
  it('matches the same words in any order, compounds split at their head, a disambiguator left out', () => {
    expect(sameOrganizationName('Universiteit van Cyprus', 'University of Cyprus', states)).toBe(true);
    expect(sameOrganizationName('Tufts-universiteit', 'Tufts University', states)).toBe(true);
    expect(sameOrganizationName('Libische Centrale Bank', 'Central Bank of Libya', states)).toBe(true);
    expect(sameOrganizationName('Staatsuniversiteit van Haïti', 'State University of Haiti', states)).toBe(true);
    expect(sameOrganizationName('Ministerie van Buitenlandse Zaken van Rusland', 'Ministry of Foreign Affairs (Russia)', states)).toBe(true);
    expect(sameOrganizationName('Coördinatieraad', 'Coordination Council (Belarus)', states)).toBe(true);
    expect(sameOrganizationName('ENH', 'Empresa Nacional de Hidrocarbonetos', states)).toBe(true);
    expect(sameOrganizationName('Grenswacht van Bangladesh', 'Border Guard Bangladesh', states)).toBe(true);
    expect(sameOrganizationName('Nationale Raad voor de Bescherming van het Vaderland', 'National Council for the Safeguard of the Homeland', states)).toBe(true);
    expect(sameOrganizationName('Militaire Overgangsraad', 'Transitional Military Council', states)).toBe(true);
  });

  it('reads the courts, chambers and electoral councils of states', () => {
    expect(sameOrganizationName('Hooggerecht van Kenia', 'High Court of Kenya', states)).toBe(true);
    expect(sameOrganizationName('Hooggerechtshof van Kenia', 'Supreme Court of Kenya', states)).toBe(true);
    expect(sameOrganizationName('Kamer van Afgevaardigden van Colombia', 'Chamber of Representatives of Colombia', states)).toBe(true);
    expect(sameOrganizationName('Hof van Cassatie van Turkije', 'Court of Cassation (Turkey)', states)).toBe(true);
    expect(sameOrganizationName('Hoge Kiesraad', 'Supreme Electoral Council (Nicaragua)', states)).toBe(true);
    expect(sameOrganizationName('Politiemacht van Kenia', 'Kenya Police Force', states)).toBe(true);
    expect(sameOrganizationName('Huis van Afgevaardigden van Kenia', 'Senate of Kenya', states)).toBe(false);
  });

  it('guesses nothing: every word must be there, and a word the list lacks matches only itself', () => {
    expect(sameOrganizationName('Universiteit van Cyprus', 'Cyprus University of Technology', states)).toBe(false);
    expect(sameOrganizationName('Centrale Bank', 'Central Bank of Libya', states)).toBe(false);
    expect(sameOrganizationName('Beweging voor de Wedergeboorte van Kameroen', 'Cameroon Renaissance Movement', states)).toBe(false);
    expect(sameOrganizationName('Ministerie van Defensie van Rusland', 'Ministry of Foreign Affairs (Russia)', states)).toBe(false);
    expect(sameOrganizationName('EDH', 'Empresa Nacional de Hidrocarbonetos', states)).toBe(false);
  });
});
