/**
 * Sentence and headline templates, written for this generator. Slots:
 * {P} person, {S} state, {G} organisation or armed group, {X} any actor (named in full the first time),
 * {ADJ} adjective of a state (`Russische`), {DEM} plural demonym (`Russen`), {C} the conflict,
 * {PL} a place of the conflict, {SIG} a signal word of the conflict, {N} a number, {DAG} a day.
 */
export const SENTENCES: readonly string[] = [
  '{X} heeft {DAG} opgeroepen tot een onmiddellijk staakt-het-vuren.',
  'Volgens {P} is er geen militaire oplossing voor {C}.',
  '{P} sprak {DAG} met {P} over de toestand rond {PL}.',
  'Bij gevechten in de buurt van {PL} zijn volgens {X} zeker {N} doden gevallen.',
  '{ADJ} troepen rukten de afgelopen dagen verder op in de richting van {PL}.',
  'De {ADJ} regering ontkent elke betrokkenheid bij de aanval.',
  '{S} kondigde nieuwe sancties aan tegen {S}.',
  '{G} eiste de aanslag op in een verklaring op sociale media.',
  'Waarnemers vrezen dat {C} nog maanden kan aanslepen.',
  '{X} en {X} overleggen al weken achter gesloten deuren.',
  '"We zullen niet toekijken terwijl burgers het slachtoffer worden", zei {P}.',
  'Het gaat om de zwaarste escalatie sinds het begin van {C}.',
  'De {DEM} reageerden verdeeld op het voorstel.',
  'Hulporganisaties melden dat duizenden mensen op de vlucht zijn geslagen uit {PL}.',
  'Ook {X} veroordeelde het geweld en riep alle partijen op tot terughoudendheid.',
  '{P} noemde de beschuldigingen van {X} "volstrekt ongegrond".',
  'In de verklaring is uitdrukkelijk sprake van {SIG}.',
  '{S} stuurt {N} extra militairen naar de regio.',
  'Een woordvoerder van {G} liet weten dat de gesprekken {DAG} worden hervat.',
  'Sinds het uitbreken van {C} zijn volgens schattingen meer dan {N} mensen om het leven gekomen.',
  '{X} beschuldigt {X} ervan het bestand te hebben geschonden.',
  'De onderhandelingen tussen {X} en {X} liepen {DAG} opnieuw vast.',
  'Volgens {ADJ} media werd er ook in {PL} hevig gevochten.',
  '{P} benadrukte dat {S} een diplomatieke oplossing blijft steunen.',
  'Analisten wijzen erop dat de rol van {X} in {C} steeds groter wordt.',
  '{X} heeft nog niet gereageerd op de berichten.',
  'In {PL} werden {DAG} zware explosies gehoord, melden ooggetuigen.',
  'De spanningen tussen {S} en {S} lopen al maanden op.',
  'Een gezamenlijke verklaring van {X} en {X} bleef uit.',
  '{P} waarschuwde dat het conflict kan overslaan naar de buurlanden.',
  'De {ADJ} minister van Buitenlandse Zaken reist {DAG} naar de regio.',
  'Het is niet duidelijk wie verantwoordelijk is voor de beschietingen in {PL}.',
  '{G} zegt dat het de controle over {PL} heeft overgenomen.',
  'Tegenstanders van {P} verwijten de regering dat de beloofde hervormingen uitblijven.',
  'Volgens een rapport van {G} worden in {PL} systematisch mensenrechten geschonden.',
  '{S} roept zijn ambassadeur in {S} terug voor overleg.',
  'Na afloop van het overleg sprak {P} van "een stap in de goede richting".',
  'Sommige diplomaten zien in {SIG} een teken dat de strijd een nieuwe fase ingaat.',
  'De humanitaire toestand in {PL} is volgens hulpverleners rampzalig.',
  '{X} belooft {N} miljoen euro aan noodhulp.',
];

/** Sentences that only add the next actor not named yet, to make sure every actor of the cast appears. */
export const MENTIONS: readonly string[] = [
  'Ook {X} volgt de ontwikkelingen op de voet.',
  'Intussen liet ook {X} van zich horen.',
  'Daarnaast zou {X} bij de gesprekken betrokken zijn.',
  'Ook {X} werd om een reactie gevraagd.',
];

export const HEADLINES: readonly string[] = [
  '{X} waarschuwt voor escalatie rond {PL}',
  'Zeker {N} doden bij nieuwe aanval in {PL}',
  '{X} en {X} praten opnieuw over bestand',
  'Nieuwe gevechten rond {PL}',
  '{X} wil internationaal onderzoek naar geweld in {PL}',
  'Spanningen lopen op tussen {S} en {S}',
  '{P} belooft steun aan {S}',
];

export const QUOTES: readonly string[] = [
  '"De internationale gemeenschap mag niet langer wegkijken", zei {P}.',
  '"Dit is een beslissend moment", verklaarde {P} tegenover journalisten.',
  '"We blijven de dialoog zoeken, maar ons geduld is niet eindeloos", aldus {P}.',
];

export const REPORTERS_FIRST = ['Jan', 'Els', 'Pieter', 'Sofie', 'Koen', 'Lotte', 'Wouter', 'Anouk', 'Bram', 'Marieke'];
export const REPORTERS_LAST = ['Peeters', 'de Vries', 'Janssens', 'Bakker', 'Claes', 'Visser', 'Maes', 'Smit', 'Willems', 'Mulder'];
export const AGENCIES = ['Belga', 'ANP', 'AFP', 'Reuters', 'DPA', 'AP'];
export const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
export const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];
export const NUMBER_WORDS = ['twee', 'drie', 'vijf', 'tien', 'twaalf', 'twintig', 'dertig', 'vijftig', 'honderd'];
