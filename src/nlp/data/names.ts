/**
 * Word lists the entity finder uses to read capitalised runs: titles before a person's name,
 * words that make a run an organisation, name particles, and capitalised words that are never
 * topics on their own. Lower-case.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Titles and roles that precede a person's name ("Foreign Minister Sergey Lavrov"). */
export const TITLE_WORDS = words(`
president vice prime minister deputy foreign defense defence interior finance justice secretary general
gen gen. lt lt. col col. maj maj. major capt capt. captain sgt sgt. sergeant commander cmdr adm adm. admiral
spokesperson spokesman spokeswoman ambassador envoy director chief king queen prince princess sheikh emir
crown pope cardinal bishop archbishop rabbi imam senator sen sen. rep rep. representative gov gov. governor
mayor judge justice chairman chairwoman chair ceo cfo coo founder dr dr. mr mr. mrs mrs. ms ms. rev rev.
reverend professor prof prof. lord lady sir dame chancellor premier speaker attorney officer minister-designate
president-elect leader supreme coach manager striker midfielder defender goalkeeper quarterback actor actress
singer rapper star author writer editor columnist correspondent reporter analyst economist lawyer detective
inspector superintendent constable sheriff commissioner senior junior acting interim former late
`);

/** Head words that make a capitalised run an organisation ("Al-Qassam Brigades", "Health Ministry"). */
export const ORGANIZATION_HEADS = words(`
ministry department agency council committee commission party parliament assembly congress senate court
brigades brigade army forces force navy police guard corps command office bureau authority administration
government cabinet union league federation association organization organisation foundation institute
university college school academy hospital bank fund group company corporation corp corp. inc inc. ltd ltd.
co co. plc llc holdings airlines airways motors industries media network news times post journal press
tribune herald telegraph guardian channel radio tv television studios records club fc united city
alliance movement front coalition network service services board trust society church mosque
`);

/** Organisations recognised by name alone (lower-case). */
export const KNOWN_ORGANIZATIONS = words(`
hamas hezbollah hizbollah houthis houthi taliban kremlin pentagon knesset likud fatah interpol
reuters google apple microsoft amazon facebook twitter tesla samsung
`);

/** Lower-case particles inside personal names ("Ahmed al-Sharaa", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = words("al el bin ibn bint abu van von der den de da di du la le dos das del");

/**
 * Capitalised words that are never a topic on their own: days, months, pronouns and the
 * sentence openers the lexicon does not know.
 */
export const NEVER_TOPICS = words(`
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow i we you he she they it mr mrs ms dr
the a an this that these those there here but and or if when while after before since however meanwhile
earlier later last next according also just still even only once so yet though although despite
editor's note updated published read more follow click photo video image watch tt reporting writing
additional contributed am pm et est gmt bst utc god covid
`);

/** Generic head nouns that make a poor key phrase on their own. */
export const GENERIC_PHRASE_WORDS = words(`
said says say told year years day days week weeks month months time times people percent per cent
thing things way ways lot part parts number numbers also would could should may might last first new
one two three four five six seven eight nine ten many much more most other others another whose
mr mrs ms dr including include according group official officials report reports statement
city country area region side end start week weekend morning night evening afternoon minister ministers
`);
