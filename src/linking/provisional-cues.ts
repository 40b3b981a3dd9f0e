import type { ActorKind } from './types.js';

/*
 * The words around a name that the provisional rules read: what a careful annotator reads to tell a person
 * from an organisation, and either from a place, an event or a work. All keys are folded (`foldKey`).
 */

const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

/** Nouns that say who a person is, right before the name (`minister X`) or after a comma (`X, hoogleraar`). */
export const PERSON_ROLES = words(`
  minister premier president vicepresident vicepremier kanselier bondskanselier staatssecretaris staatsminister
  onderminister viceminister senator congreslid kamerlid parlementslid europarlementarier afgevaardigde burgemeester
  gouverneur woordvoerder woordvoerster hoofd advocaat advocate rechter aanklager hoofdaanklager officier hoogleraar
  professor prof docent onderzoeker onderzoekster wetenschapper analist deskundige expert specialist kenner
  correspondent verslaggever journalist fotograaf cameraman columnist schrijver schrijfster auteur dichter historicus
  politicoloog econoom socioloog antropoloog generaal luitenant-generaal generaal-majoor brigadegeneraal kolonel
  luitenant-kolonel majoor kapitein luitenant sergeant admiraal maarschalk commandant bevelhebber opperbevelhebber
  legerchef stafchef chef directeur directrice voorzitter voorzitster secretaris-generaal secretaris topman topvrouw
  baas oprichter medeoprichter leider oppositieleider rebellenleider militieleider partijleider krijgsheer
  activist activiste mensenrechtenactivist diplomaat ambassadeur gezant afgezant vertegenwoordiger bemiddelaar
  adviseur veiligheidsadviseur raadsman ondernemer zakenman zakenvrouw miljardair oligarch imam sjeik ayatollah
  geestelijke priester bisschop rabbijn arts chirurg dokter verpleegkundige hulpverlener coordinator
  broer zus vader moeder zoon dochter echtgenote echtgenoot vrouw weduwe neef nicht oom tante kleinzoon opa oma
  mevrouw meneer heer dhr mevr mr dr drs ir koning koningin prins prinses kroonprins emir sultan
  kandidaat presidentskandidaat rivaal opvolger voorganger collega partijgenoot
  oud-minister oud-premier oud-president ex-minister ex-premier ex-president oud-generaal
  historica politicologe sociologe econome onderzoekster wetenschapster analiste juriste jurist
  senatrice congreslid afgevaardigde onderhandelaar ex-senator oud-senator vicevoorzitter ondervoorzitter
  ingenieur leraar lerares docente student studente scholier scholiere boer boerin winkelier inwoner inwoonster
  bewoner bewoonster verpleger verpleegster agent agente politieagent vakbondsman vakbondsleider vakbondsvrouw
  predikant pastoor moefti mullah stamhoofd stamoudste dorpshoofd burgemeesteres nobelprijswinnaar
  nobelprijswinnares winnaar winnares
  ambtgenoot ambtgenote ombudsman ombudsvrouw militair militaire soldaat strijder monnik non kopstuk oprichtster
  medewerker medewerkster bestuurder handelaar handelaarster chauffeur eigenaar eigenares uitbater ambtenaar
  functionaris diplomate getuige ooggetuige overlevende gijzelaar gevangene demonstrant demonstrante betoger
  betoogster vluchteling vluchtelinge vriend vriendin buurman buurvrouw schoonzoon schoonvader kleindochter
  presentator presentatrice hoofdredacteur fotografe econome commissaris hoofdcommissaris procureur
  procureur-generaal openbaar-aanklager onderzoeksrechter griffier notaris
  dichteres zanger zangeres kunstenaar kunstenares regisseur regisseuse filmmaker rector decaan lector
  verloofde weduwnaar antropologe muzikant muzikante voetballer voetbalster acteur actrice rapper atleet sporter
  kardinaal pater bisschop hulpbisschop aartsbisschop dominee veteraan brigadier commodore vice-admiraal
`);

/** Nouns that say a person is meant in `X, een van de meest gezochte mannen`: people, not bodies. */
export const PERSON_NOUNS = words(`
  man mannen vrouw vrouwen jongen jongens meisje meisjes kind kinderen zoon zonen dochter dochters broer broers
  zus zussen leden mensen personen figuren gezichten
`);

/** Endings of compound role nouns: `Afghanistanspecialist`, `Midden-Oostenkenner`, `VN-gezant`, `legerwoordvoerder`. */
export const PERSON_ROLE_ENDINGS = [
  'specialist', 'deskundige', 'expert', 'kenner', 'analist', 'onderzoeker', 'correspondent', 'woordvoerder',
  'woordvoerster', 'minister', 'leider', 'commandant', 'voorzitter', 'directeur', 'adviseur', 'journalist',
  'activist', 'advocaat', 'hoogleraar', 'generaal', 'president', 'premier', 'gezant', 'ambassadeur', 'kamerlid',
  'parlementslid', 'chef', 'topman', 'oprichter', 'bevelhebber', 'aanklager', 'rechter', 'verslaggever',
  'diplomaat', 'senator', 'wetenschapper', 'historicus', 'winnaar', 'winnares', 'onderzoekster',
  'houder', 'chauffeur', 'handelaar', 'handelaarster', 'eigenaar', 'medewerker', 'medewerkster', 'strijder',
  'commissaris', 'ambtenaar', 'arts', 'boer', 'vertegenwoordiger', 'functionaris', 'econoom', 'leidster',
  'bisschop', 'veteraan', 'speler', 'speelster',
];

/** Verbs of saying, before (`zegt X`, `aldus X`, `volgens X`) or after (`X zei`) a name: an actor, of either kind. */
export const SPEECH_VERBS = words(`
  zegt zei zeggen zeiden aldus volgens vertelt vertelde stelt stelde schrijft schreef meldt meldde verklaart verklaarde
  benadrukt benadrukte waarschuwt waarschuwde reageert reageerde antwoordt antwoordde denkt dacht vindt vond
  erkent erkende ontkent ontkende noemt noemde beweert beweerde twitterde tweette liet laat verwacht verwachtte
  legt legde weet wist vreest vreesde hoopt hoopte eist eiste roept riep
`);

/** Nouns that say a name is an organisation or an armed group: `de denktank X`, `de militie X`. */
export const ORGANIZATION_DESCRIPTORS = new Map<string, ActorKind>([
  ...[...words(`
    organisatie ngo denktank bedrijf concern firma fabrikant partij vakbond stichting instituut universiteit
    beweging coalitie alliantie groep groepering vereniging federatie bond fonds bank agentschap dienst raad
    comite commissie koepel netwerk platform consortium onderneming multinational
    vakbondskoepel werkgeversorganisatie mensenrechtenorganisatie onderzoeksbureau adviesbureau beveiligingsbedrijf
    mijnbedrijf energiebedrijf oliebedrijf gasbedrijf wapenfabrikant wapenmaker vliegtuigbouwer reisorganisatie
    denktanks hogeschool burgerrechtencollectief collectief
  `)].map((w): [string, ActorKind] => [w, 'ORGANIZATION']),
  ...[...words(`
    militie milities rebellengroep rebellenbeweging terreurgroep terreurorganisatie terreurbeweging strijdgroep
    verzetsgroep verzetsbeweging guerrillabeweging jihadistengroep knokploeg brigade bataljon huurlingengroep
  `)].map((w): [string, ActorKind] => [w, 'ARMED_GROUP']),
]);

/** Endings of compound descriptors: `ontwikkelingsagentschap`, `wapenfabrikant`, `staatsbedrijf`, `rebellengroep`. */
export const ORGANIZATION_DESCRIPTOR_ENDINGS: [string, ActorKind][] = [
  ['militie', 'ARMED_GROUP'], ['rebellengroep', 'ARMED_GROUP'], ['terreurgroep', 'ARMED_GROUP'], ['strijdgroep', 'ARMED_GROUP'],
  ['terreurorganisatie', 'ARMED_GROUP'], ['organisatie', 'ORGANIZATION'], ['agentschap', 'ORGANIZATION'],
  ['bedrijf', 'ORGANIZATION'], ['fabrikant', 'ORGANIZATION'], ['maatschappij', 'ORGANIZATION'], ['concern', 'ORGANIZATION'],
  ['dienst', 'ORGANIZATION'], ['bestuur', 'ORGANIZATION'], ['instituut', 'ORGANIZATION'], ['denktank', 'ORGANIZATION'],
  ['bank', 'ORGANIZATION'], ['federatie', 'ORGANIZATION'], ['vereniging', 'ORGANIZATION'], ['beweging', 'ORGANIZATION'],
  ['groep', 'ORGANIZATION'], ['partij', 'ORGANIZATION'], ['vakbond', 'ORGANIZATION'], ['koepel', 'ORGANIZATION'],
  ['ngo', 'ORGANIZATION'], ['multinational', 'ORGANIZATION'], ['rederij', 'ORGANIZATION'], ['bouwbedrijf', 'ORGANIZATION'],
];

/** Descriptors of media, which are no actors, and their compounds: `mediagroep`, `staatspersbureau`, `nieuwszender`. */
const MEDIA_ENDINGS = [
  'persbureau', 'nieuwsbureau', 'krant', 'blad', 'tijdschrift', 'omroep', 'zender', 'website', 'site', 'tv', 'radio',
  'mediagroep', 'mediabedrijf', 'uitgeverij', 'nieuwsdienst', 'agentschap-persbureau',
];

export function isMediaDescriptor(key: string): boolean {
  return MEDIA_ENDINGS.some((ending) => key.endsWith(ending));
}

/** Nouns before a name that make it no actor: media, works, operations, ships, weapons. */
export const NON_ACTOR_DESCRIPTORS = words(`
  krant dagblad weekblad tijdschrift omroep zender persbureau nieuwsbureau nieuwssite website blog podcast programma
  boek roman film documentaire serie album lied nummer rapport studie
  operatie offensief campagne missie oefening plan akkoord verdrag resolutie wet top conferentie
  schip tanker vrachtschip containerschip fregat vliegdekschip onderzeeer boot jacht veerboot
  raket raketten drone drones tank tanks vliegtuig toestel systeem type model merk
  stad dorp wijk regio provincie district straat plein kamp vluchtelingenkamp vliegveld luchthaven gevangenis
  avenida avenue boulevard laan rue calle street
  ziekenhuis hotel moskee kerk school
`);

/** Prepositions after which a capitalised name is a place: `in Wadi Halfa`, `naar Port Sudan`. */
export const PLACE_PREPOSITIONS = words('in naar uit vanuit nabij te richting rond rondom via tot buiten binnen langs');

/** Head words of organisation names, in any position (`Human Rights Watch`, `Raad voor Vrede`). */
export const ORGANIZATION_HEADS = new Map<string, ActorKind>([
  ...[...words(`
    partij raad ministerie bank universiteit instituut observatorium centrum comite commissie organisatie stichting fonds
    vereniging bond federatie liga agentschap autoriteit hof rechtbank tribunaal parlement senaat congres assemblee
    regering beweging alliantie groep groepering maatschappij coalitie kamer huis unie garde politie
    corporation company group foundation watch international institute university council committee commission center centre
    party fund agency association alliance league movement network trust inc ltd llc plc nv bv gmbh holding
    holdings industries airlines airways air petroleum union
    unions confederation confederatie economics consulting consultancy partners associates lab labs research analytics
    school college associatie naties
  `)].map((w): [string, ActorKind] => [w, 'ORGANIZATION']),
  ...[...words(`
    brigade brigades bataljon bataljons leger strijdkrachten militie milities legioen divisie front
    army forces militia brigades battalion
  `)].map((w): [string, ActorKind] => [w, 'ARMED_GROUP']),
]);

/** Endings of compound head words: `Volkspartij`, `Veiligheidsraad`, `Bevrijdingsleger`, `Oliemaatschappij`. */
export const ORGANIZATION_HEAD_ENDINGS: [string, ActorKind][] = [
  ['partij', 'ORGANIZATION'], ['raad', 'ORGANIZATION'], ['bank', 'ORGANIZATION'], ['beweging', 'ORGANIZATION'],
  ['organisatie', 'ORGANIZATION'], ['maatschappij', 'ORGANIZATION'], ['instituut', 'ORGANIZATION'],
  ['fonds', 'ORGANIZATION'], ['commissie', 'ORGANIZATION'], ['alliantie', 'ORGANIZATION'], ['regering', 'ORGANIZATION'],
  ['universiteit', 'ORGANIZATION'], ['ministerie', 'ORGANIZATION'], ['observatorium', 'ORGANIZATION'], ['centrum', 'ORGANIZATION'],
  ['leger', 'ARMED_GROUP'], ['front', 'ARMED_GROUP'], ['brigade', 'ARMED_GROUP'], ['brigades', 'ARMED_GROUP'],
  ['militie', 'ARMED_GROUP'], ['strijdkrachten', 'ARMED_GROUP'],
];

/** Parts of a name that make an organisation an armed one: a liberation movement, a resistance alliance. */
export const ARMED_STEMS = ['bevrijding', 'verzet', 'jihad', 'mujahed', 'moedjahed', 'martelaren', 'rebellen', 'liberation', 'resistance'];

/**
 * Words of names that are no actor: events, works, operations, places and features of the land. Read only first
 * in a name, or last but not after a particle: `Van der Zee` and `Van den Berg` are people.
 */
export const NON_ACTOR_WORDS = words(`
  operatie operation wereldbeker beker cup spelen games kampioenschap festival prijs award oorlog war akkoord accord
  verdrag treaty conferentie conference top summit resolutie wet act protocol overeenkomst agreement revolutie
  revolution lente opstand crisis campagne
  kaap golf zee straat plein rivier meer bergen gebergte eiland eilanden vallei woestijn provincie regio
  district kanaal baai haven luchthaven vliegveld airport street square road avenue gulf sea river island valley
  county province
`);

/** Endings of compounds that are no actor: `Wereldoorlog`, `Vredesakkoord`, `Hoofdstraat`, `Rafahgrensovergang`. */
export const NON_ACTOR_ENDINGS = [
  'oorlog', 'akkoord', 'verdrag', 'conferentie', 'beker', 'spelen', 'straat', 'plein', 'gracht', 'kanaal',
  'gebergte', 'eiland', 'eilanden', 'stad', 'dorp', 'rivier', 'vallei', 'woestijn', 'grensovergang', 'dag',
  'revolutie', 'protocol',
];

/** Weekdays and months, in Dutch and English. */
export const CALENDAR_WORDS = words(`
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
  september oktober november december monday tuesday wednesday thursday friday saturday sunday january february
  march june july august october
`);

/** Portfolios and chambers that end a title glued to a name: `minister van Buitenlandse Zaken X`, `Tweede Kamer X`. */
export const BODY_WORDS = words(`
  zaken defensie justitie financien buitenlandse binnenlandse economische volksgezondheid onderwijs landbouw
  veiligheid handel ontwikkelingssamenwerking klimaat energie infrastructuur migratie asiel kamer senaat congres
  parlement knesset doema eerste tweede
`);

/** Portfolios of ministers, cut off a name only after a role and `van`: `minister van Visserij X`. */
export const PORTFOLIO_WORDS = words(`
  communicatie informatie visserij cultuur sport milieu transport verkeer arbeid werkgelegenheid sociale economie
  olie mijnbouw wetenschap toerisme jeugd gezondheid europese waterstaat huisvesting wonen integratie media
  planning hervormingen religieuze telecommunicatie technologie digitale luchtvaart scheepvaart natuur
  volkshuisvesting vluchtelingen hervorming bestuur
`);

/** Endings of compound portfolios: `Vrouwenzaken`, `Communicatietechnologie`, `Plattelandsontwikkeling`. */
const PORTFOLIO_ENDINGS = ['zaken', 'technologie', 'ontwikkeling', 'samenwerking', 'zekerheid', 'beleid', 'voorziening'];

export function isPortfolio(key: string): boolean {
  return BODY_WORDS.has(key) || PORTFOLIO_WORDS.has(key) || PORTFOLIO_ENDINGS.some((e) => key.length > e.length + 2 && key.endsWith(e));
}

/** Words that are capitalised at the start of a sentence but do not start a name. */
export const SENTENCE_OPENERS = words(`
  de het een in op na bij volgens door ook maar en als dat die deze zo wel toch hij zij ze we wij er nu toen onder
  tijdens met voor sinds daar dit wat wie waar behalve aan om over tot uit van zowel hun zijn haar mijn ons onze
  nog al alle elke ieder iedere geen niet wanneer hoewel omdat terwijl zodra nadat voordat dan daarna daarom
  daarbij bovendien intussen inmiddels vandaag gisteren morgen vanochtend vanavond eerder later vervolgens
  ondanks namens zonder tegen langs binnen buiten via per tussen rond richting welke hoe waarom want of
`);

/** Lowercase words inside a person's name: `Jan van der Berg`, `Osama bin Laden`, `Ronald dela Rosa`, `Kian delos Santos`. */
/** Prefixes that make an adjective of a continent or a group of states, not of one state: `Inter-Amerikaanse`, `Pan-Afrikaanse`. */
export const ADJECTIVE_PREFIXES: ReadonlySet<string> = new Set(['inter', 'pan', 'trans']);

export const NAME_PARTICLES = words('van de der den ter ten von al el bin ibn ben bint abu da dos das do di du la le del dela delos los');

/** Lowercase words inside an organisation's name: `Liga voor Democratie`, `Groepering ter Steun van de Islam`. */
export const ORGANIZATION_PARTICLES = words('van voor ter de het der des of for the and en');
