/**
 * Countries and well-known regions with the adjective/people forms ("demonyms") and other
 * names readers type, so "Turkish", "Turkey" and "Türkiye" all reach one topic. Data, not
 * logic: one line per place, "Name | demonyms | other names".
 */

/** One place and every form that refers to it. */
export interface PlaceEntry {
  /** Display name, e.g. "Türkiye". */
  name: string;
  /** Adjective and people forms, e.g. ["Turkish", "Turk", "Turks"]. */
  demonyms: string[];
  /** Other names, e.g. ["Turkey"]. */
  aliases: string[];
}

const TABLE = `
Afghanistan | Afghan, Afghans |
Albania | Albanian, Albanians |
Algeria | Algerian, Algerians |
Argentina | Argentine, Argentinian, Argentines, Argentinians |
Armenia | Armenian, Armenians |
Australia | Australian, Australians | Aussie
Austria | Austrian, Austrians |
Azerbaijan | Azerbaijani, Azerbaijanis, Azeri, Azeris |
Bahrain | Bahraini, Bahrainis |
Bangladesh | Bangladeshi, Bangladeshis |
Belarus | Belarusian, Belarusians |
Belgium | Belgian, Belgians |
Bolivia | Bolivian, Bolivians |
Bosnia and Herzegovina | Bosnian, Bosnians | Bosnia
Brazil | Brazilian, Brazilians |
Bulgaria | Bulgarian, Bulgarians |
Cambodia | Cambodian, Cambodians |
Cameroon | Cameroonian, Cameroonians |
Canada | Canadian, Canadians |
Chile | Chilean, Chileans |
China | Chinese | PRC, People's Republic of China
Colombia | Colombian, Colombians |
Croatia | Croatian, Croatians, Croat, Croats |
Cuba | Cuban, Cubans |
Cyprus | Cypriot, Cypriots |
Czech Republic | Czech, Czechs | Czechia
Democratic Republic of the Congo | Congolese | DRC, DR Congo, Congo
Denmark | Danish, Dane, Danes |
Ecuador | Ecuadorian, Ecuadorians |
Egypt | Egyptian, Egyptians |
Eritrea | Eritrean, Eritreans |
Estonia | Estonian, Estonians |
Ethiopia | Ethiopian, Ethiopians |
Finland | Finnish, Finn, Finns |
France | French, Frenchman, Frenchmen |
Georgia | Georgian, Georgians |
Germany | German, Germans |
Ghana | Ghanaian, Ghanaians |
Greece | Greek, Greeks |
Hungary | Hungarian, Hungarians |
Iceland | Icelandic, Icelander, Icelanders |
India | Indian, Indians |
Indonesia | Indonesian, Indonesians |
Iran | Iranian, Iranians | Islamic Republic of Iran, Persia
Iraq | Iraqi, Iraqis |
Ireland | Irish | Republic of Ireland, Eire
Israel | Israeli, Israelis |
Italy | Italian, Italians |
Japan | Japanese |
Jordan | Jordanian, Jordanians |
Kazakhstan | Kazakh, Kazakhs, Kazakhstani |
Kenya | Kenyan, Kenyans |
Kosovo | Kosovar, Kosovars |
Kuwait | Kuwaiti, Kuwaitis |
Latvia | Latvian, Latvians |
Lebanon | Lebanese |
Libya | Libyan, Libyans |
Lithuania | Lithuanian, Lithuanians |
Malaysia | Malaysian, Malaysians |
Mali | Malian, Malians |
Mexico | Mexican, Mexicans |
Moldova | Moldovan, Moldovans |
Morocco | Moroccan, Moroccans |
Myanmar | Burmese | Burma
Nepal | Nepali, Nepalese |
Netherlands | Dutch, Dutchman | Holland, The Netherlands
New Zealand | New Zealander, New Zealanders, Kiwi, Kiwis |
Nigeria | Nigerian, Nigerians |
North Korea | North Korean, North Koreans | DPRK
Norway | Norwegian, Norwegians |
Oman | Omani, Omanis |
Pakistan | Pakistani, Pakistanis |
Palestine | Palestinian, Palestinians | Palestinian Territories, State of Palestine, Occupied Palestinian Territories
Peru | Peruvian, Peruvians |
Philippines | Filipino, Filipinos, Philippine | The Philippines
Poland | Polish, Pole, Poles |
Portugal | Portuguese |
Qatar | Qatari, Qataris |
Romania | Romanian, Romanians |
Russia | Russian, Russians | Russian Federation
Rwanda | Rwandan, Rwandans |
Saudi Arabia | Saudi, Saudis | KSA
Serbia | Serbian, Serbians, Serb, Serbs |
Singapore | Singaporean, Singaporeans |
Slovakia | Slovak, Slovaks, Slovakian |
Slovenia | Slovenian, Slovenians, Slovene, Slovenes |
Somalia | Somali, Somalis |
South Africa | South African, South Africans |
South Korea | South Korean, South Koreans | Republic of Korea, Korea
South Sudan | South Sudanese |
Spain | Spanish, Spaniard, Spaniards |
Sri Lanka | Sri Lankan, Sri Lankans |
Sudan | Sudanese |
Sweden | Swedish, Swede, Swedes |
Switzerland | Swiss |
Syria | Syrian, Syrians | Syrian Arab Republic
Taiwan | Taiwanese |
Tajikistan | Tajik, Tajiks |
Thailand | Thai, Thais |
Tunisia | Tunisian, Tunisians |
Türkiye | Turkish, Turk, Turks | Turkey, Republic of Türkiye
Turkmenistan | Turkmen |
Uganda | Ugandan, Ugandans |
Ukraine | Ukrainian, Ukrainians | the Ukraine
United Arab Emirates | Emirati, Emiratis | UAE, U.A.E., Emirates
United Kingdom | British, Briton, Britons, Brit, Brits | UK, U.K., Britain, Great Britain
United States | American, Americans | US, U.S., USA, U.S.A., America, United States of America
Uruguay | Uruguayan, Uruguayans |
Uzbekistan | Uzbek, Uzbeks |
Venezuela | Venezuelan, Venezuelans |
Vietnam | Vietnamese | Viet Nam
Yemen | Yemeni, Yemenis |
Zambia | Zambian, Zambians |
Zimbabwe | Zimbabwean, Zimbabweans |
Gaza | Gazan, Gazans | Gaza Strip
West Bank | | Occupied West Bank
Golan Heights | | Golan
Kurdistan | Kurdish, Kurd, Kurds | Iraqi Kurdistan
Crimea | Crimean, Crimeans |
Europe | European, Europeans |
Africa | African, Africans |
Asia | Asian, Asians |
Middle East | Middle Eastern | Mideast
Latin America | Latin American, Latin Americans |
Scotland | Scottish, Scot, Scots |
Wales | Welsh |
England | English |
Northern Ireland | Northern Irish |
Catalonia | Catalan, Catalans |
Chechnya | Chechen, Chechens |
Tibet | Tibetan, Tibetans |
Hong Kong | Hong Konger, Hong Kongers |
`;

/** Parses the table above. Exported for tests. */
export function parsePlaceTable(table: string): PlaceEntry[] {
  const list = (s: string | undefined): string[] =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
  return table
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [name, demonyms, aliases] = line.split("|");
      return { name: (name ?? "").trim(), demonyms: list(demonyms), aliases: list(aliases) };
    });
}

/** Every place in the table, parsed once on first use. */
let cache: PlaceEntry[] | undefined;

/** The country/region table. */
export function placeTable(): PlaceEntry[] {
  cache ??= parsePlaceTable(TABLE);
  return cache;
}
