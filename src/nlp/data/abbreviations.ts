/**
 * Abbreviations the sentence splitter must not end a sentence on, grouped by how the
 * word after them decides. Lower-case keys without the final period.
 */

/** Titles before a name: never a sentence end ("Gen. Butler", "Dr. Dheir"). */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "mr",
  "mrs",
  "ms",
  "mssrs",
  "messrs",
  "dr",
  "gen",
  "lt",
  "col",
  "maj",
  "capt",
  "cpt",
  "cmdr",
  "adm",
  "sgt",
  "cpl",
  "pvt",
  "gov",
  "sen",
  "rep",
  "reps",
  "sens",
  "rev",
  "prof",
  "pres",
  "hon",
  "fr",
  "insp",
  "supt",
  "det",
  "atty",
  "gens",
  "brig",
  "vs",
  "v",
  "cf",
  "approx",
  "ca",
  "viz",
]);

/** Abbreviations that take a number after them ("Nov. 8", "No. 10", "pp. 3"). */
export const NUMERIC_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "no",
  "nos",
  "nr",
  "pp",
  "p",
  "vol",

  "fig",
  "ch",
  "sec",
  "para",
]);

/** Months also read as "Sept. 2019": an abbreviated month is never a sentence end before a number. */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

/**
 * Abbreviations that may end a sentence ("… than Microsoft Corp. The board …"): a sentence
 * end only when the next word is a common sentence opener. Case-sensitive, as written.
 */
export const SUFFIX_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "Inc",
  "Corp",
  "Ltd",
  "Co",
  "Bros",
  "Jr",
  "Sr",
  "St",
  "Mt",
  "Ft",
  "Ave",
  "Blvd",
  "Rd",
  "Dept",
  "Univ",
  "Assn",
  "etc",
  "al",
  "Ala",
  "Ariz",
  "Ark",
  "Calif",
  "Colo",
  "Conn",
  "Del",
  "Fla",
  "Ga",
  "Ill",
  "Ind",
  "Kan",
  "Kans",
  "Ky",
  "La",
  "Md",
  "Mich",
  "Minn",
  "Miss",
  "Mo",
  "Mont",
  "Neb",
  "Nev",
  "Okla",
  "Ore",
  "Pa",
  "Penn",
  "Tenn",
  "Tex",
  "Va",
  "Vt",
  "Wash",
  "Wis",
  "Wyo",
  "Mass",
  "Mex",
]);

/** Dotted lower-case abbreviations that never end a sentence mid-paragraph. */
export const INNER_DOTTED: ReadonlySet<string> = new Set(["e.g", "i.e", "a.k.a", "n.b"]);

/**
 * Words that open sentences in news copy. After an ambiguous abbreviation ("U.S.", "Inc.",
 * a single initial) a capitalised word from this list means a new sentence began.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  (
    "a an the he she it they we i you his her its their our my your this that these those there here " +
    "but and or so yet still also then now today yesterday tomorrow however meanwhile moreover instead " +
    "in on at by for from to of with without after before since while when where whether if as though " +
    "although because during despite under over about among against between into through until unless " +
    "some many most several few both each every all any no none one two three four five six seven eight " +
    "nine ten other another such what who why how which nothing nobody everyone officials police " +
    "analysts experts critics authorities witnesses residents earlier later last next separately " +
    "according asked speaking is was are were has have had will would can could should may might must " +
    "do does did not never"
  ).split(" "),
);
