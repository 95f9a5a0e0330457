/**
 * The public pages' two languages: Armenian (default) and English. Every label exists in both (the
 * Armenian table is typed by the English one, so a missing or extra key does not compile). Terms follow
 * docs/glossary.md. Numbers and dates are formatted with Intl for `hy-AM` and `en-GB`.
 */
export type Lang = 'hy' | 'en';

export const LANGS: readonly Lang[] = ['hy', 'en'];
export const DEFAULT_LANG: Lang = 'hy';
export const LANG_COOKIE = 'hamaynk_lang';

export const isLang = (value: unknown): value is Lang => value === 'hy' || value === 'en';

export const LOCALES: Record<Lang, string> = { hy: 'hy-AM', en: 'en-GB' };

const en = {
  siteName: 'Hamaynk · CMIS',
  siteTagline: 'Public pages of the communities of Armenia',
  demoBannerLabel: 'Demo data',
  demoBannerTitle: 'Demo data.',
  demoBannerText: 'This installation holds made-up applications, fees, legal acts and complaints for demonstration: they are not about real people or cases, and the figures built from them are not official.',
  skipToContent: 'Skip to content',
  navNational: 'National report',
  navCommunities: 'Communities',
  mainNavigation: 'Main navigation',
  languageSwitch: 'Language',
  openData: 'Open data',
  downloadAs: 'download',
  footerData: 'Data from the Community Management Information System (CMIS), computed from its event log. Every table can be downloaded as CSV or JSON.',
  footerApi: 'GraphQL API',
  noData: 'No data yet.',
  yes: 'yes',
  no: 'no',
  errorNotFoundTitle: 'Page not found',
  errorNotFoundText: 'There is no such page, community or published act.',
  errorBadRequestTitle: 'Invalid request',
  errorBadRequestText: 'The address asks for something that is not valid (a date, a page or a name).',
  errorInternalTitle: 'Something went wrong',
  errorInternalText: 'Please try again later.',
  backHome: 'Back to the national report',
  invalidDate: 'The date must be a real date written as YYYY-MM-DD.',
  invalidTable: 'This page has no table with that name.',
  invalidFormat: 'The format must be csv or json.',

  nationalTitle: 'CMIS adoption in the communities of Armenia',
  nationalIntro: 'The national report on e-government systems in the municipalities, computed from the event log as of any date you choose.',
  dateLabel: 'As of date',
  show: 'Show',
  today: 'Today',
  report2019Link: 'As of 1 July 2019 (the 2019 report)',
  adoptionHeading: 'Adoption as of {date}',
  adoptionCaption: 'CMIS adoption in communities as of {date}',
  colIndicator: 'Indicator',
  colValue: 'Value',
  colReport2019: 'Wording of the 2019 report',
  report2019Note: 'The last column quotes the national report of 1 July 2019; the figures beside it are computed from events alone.',
  rowTotalCommunities: 'Communities in total',
  rowWithCmisDeployed: 'Communities with CMIS deployed',
  rowConsolidatedMultiSettlement: 'Consolidated (multi-settlement) communities',
  rowConsolidatedWithMultiSettlementCmis: 'of which with the multi-settlement CMIS',
  rowWithElectronicDocumentCirculation: 'Communities with electronic document circulation',
  rowWhereCmisIsOfficialWebsite: 'Communities where CMIS is the official website',
  rowWithAtLeast3000Residents: 'Communities with at least 3000 residents',
  rowCitizenServiceOffices: 'Municipalities with a citizen service office («one window»)',
  rowCitizenServiceOfficesWithGiz: 'of which founded with GIZ and donors',
  rowShareOfPopulationWithCso: 'Share of the population outside Yerevan served by a citizen service office, %',
  approx: 'about {n}',
  moreThan: 'more than {n}',
  overTimeHeading: 'Adoption over time, by month',
  overTimeCaption: 'Communities by month, {from} – {to}',
  overTimeChartTitle: 'Adoption of CMIS in communities by month',
  chartTable: 'The chart as a table',
  seriesCmis: 'Communities with CMIS',
  seriesDocumentCirculation: 'Electronic document circulation',
  seriesWebsite: 'Official websites',
  seriesCso: 'Citizen service offices',
  colMonth: 'Month',
  transparencyHeading: 'Transparency, {from} – {to}',
  transparencyNationalIntro: 'All communities, the twelve months up to the chosen date.',
  transparencyCaption: 'Transparency report, {from} – {to}',
  rowDecidedApplications: 'Applications decided',
  rowMedianDays: 'Median processing time, days',
  rowP90Days: '90th percentile of processing time, days',
  rowShareOnTime: 'Decided on time, %',
  rowActsAdopted: 'Legal acts adopted',
  rowActsPublished: 'Legal acts published',
  rowFeesCollectedTotal: 'Local duties and fees collected, AMD',
  feesCaption: 'Local duties and fees collected by code, {from} – {to}',
  colFeeCode: 'Code',
  colAmountAmd: 'Amount, AMD',
  complaintsByResolutionCaption: 'Complaints by resolution of the response, {from} – {to}',
  colResolution: 'Resolution',
  colCount: 'Number',

  communitiesTitle: 'Communities',
  communitiesIntro: 'Every community of Armenia. Search by name in Armenian or English.',
  searchLabel: 'Name in Armenian or English',
  searchButton: 'Search',
  provinceLabel: 'Province',
  allProvinces: 'All provinces',
  includeMerged: 'Include former (merged) communities',
  communitiesCaption: 'Communities {range} of {total}',
  communitiesFound: '{n} communities found',
  nextPage: 'Next page',
  firstPage: 'First page',
  colCode: 'Code',
  colNameHy: 'Name (Armenian)',
  colNameEn: 'Name (English)',
  colProvince: 'Province',
  colKind: 'Type',
  colPopulation: 'Population',
  colStatus: 'Status',
  kindUrban: 'urban',
  kindRural: 'rural',
  statusActive: 'active',
  statusMerged: 'merged',

  communityAbout: 'About the community',
  factProvince: 'Province',
  factKind: 'Type',
  factPopulation: 'Population',
  factSettlements: 'Settlements',
  factCmis: 'CMIS',
  factCmisSince: '{edition} edition, since {date}',
  factCmisNone: 'not deployed',
  factDocumentCirculation: 'Electronic document circulation',
  factWebsite: 'Official website',
  factWebsiteOnCmis: 'hosted on CMIS',
  factWebsiteNone: 'none',
  factStatus: 'Status',
  factMergedInto: 'Merged into',
  editionSingle: 'single-settlement',
  editionMulti: 'multi-settlement',
  since: 'since {date}',
  findCommunity: 'Find a community',
  servicesHeading: 'Services, fees and deadlines',
  servicesCaption: 'Service catalogue',
  colService: 'Service',
  colFeeAmd: 'Fee, AMD',
  colDeadlineDays: 'Deadline, days',
  colIssues: 'Issues',
  issuesPermit: 'permit',
  issuesCertificate: 'certificate',
  issuesNone: 'nothing',
  actsHeading: 'Legal acts in force',
  actsCaption: 'Legal acts in force on {date}',
  actsHistoryCaption: 'History of the texts of the acts in force',
  actsUpcomingCaption: 'Published acts that enter into force later',
  colEntryIntoForce: 'Entry into force',
  colActNumber: 'Number',
  colActTitle: 'Title',
  colIssuer: 'Adopted by',
  colInForceFrom: 'Text in force from',
  colVersion: 'Version',
  colAmendingAct: 'Amended by',
  issuerCouncil: 'council',
  issuerHead: 'head of community',
  statsHeading: 'Applications and complaints',
  statsAllTimeCaption: 'Applications and complaints, all time',
  rowApplicationsSubmitted: 'Applications submitted',
  rowApplicationsDecided: 'Applications decided',
  rowApplicationsOnTime: 'Decided on time',
  rowApplicationsOpen: 'Applications in progress',
  rowApplicationsOverdue: 'of which overdue',
  rowComplaintsFiled: 'Complaints filed',
  rowComplaintsOpen: 'Complaints in progress',
  rowComplaintsOverdue: 'of which overdue',
  applicationsByStatusCaption: 'Applications by status',
  statsPeriodCaption: 'The last twelve months, {from} – {to}',
  byMonthCaption: 'Applications by month, {from} – {to}',
  colDecided: 'Decided',
  colMedianDays: 'Median, days',
  colP90Days: '90th percentile, days',
  colOnTimeShare: 'On time, %',
  chartByMonthTitle: 'Applications decided by month',
  chartProcessingTitle: 'Processing time by month, days',
  chartOnTimeTitle: 'Share of applications decided on time by month, %',
  complaintsByResolutionAllCaption: 'Complaints by resolution, all time',
  complaintsByStatusCaption: 'Complaints by status',
  csoHeading: 'Citizen service office («one window»)',
  csoCaption: 'Citizen service offices',
  csoNone: 'The community has no citizen service office yet.',
  colOfficeName: 'Name',
  colPartners: 'Partners',
  colOpenedOn: 'Opened',

  actTextHeading: 'Text in force on {date}',
  actNotInForce: 'No text of this act was in force on {date}.',
  actFacts: 'About the act',
  actHistoryHeading: 'History of the text',
  actHistoryCaption: 'Versions of the text',
  actShowVersion: 'show version {n}',
  actRepealed: 'Repealed from {date}',
  actVotesLabel: 'Votes',
  actVotes: 'for {for}, against {against}, abstained {abstained}',
  actCommunity: 'Community',
  actStatus: 'Status',
  actChooseDate: 'Text as in force on',
  backToCommunity: 'Back to the community',

  chartFromTo: '{from} – {to}',
  chartSeriesSummary: '{label}: from {first} to {last}',
} as const;

export type LabelKey = keyof typeof en;

const hy: Record<LabelKey, string> = {
  siteName: 'Համայնք · ՀԿՏՀ',
  siteTagline: 'Հայաստանի համայնքների հրապարակային էջեր',
  demoBannerLabel: 'Ցուցադրական տվյալներ',
  demoBannerTitle: 'Ցուցադրական տվյալներ։',
  demoBannerText: 'Այս համակարգում կան ցուցադրման համար հորինված դիմումներ, վճարներ, իրավական ակտեր և բողոքներ․ դրանք իրական անձանց կամ գործերի մասին չեն, և դրանցից կազմված թվերը պաշտոնական չեն։',
  skipToContent: 'Անցնել բովանդակությանը',
  navNational: 'Ազգային հաշվետվություն',
  navCommunities: 'Համայնքներ',
  mainNavigation: 'Գլխավոր նավարկում',
  languageSwitch: 'Լեզու',
  openData: 'Բաց տվյալներ',
  downloadAs: 'ներբեռնել',
  footerData:
    'Տվյալները Համայնքային կառավարման տեղեկատվական համակարգից (ՀԿՏՀ) են՝ հաշվարկված նրա իրադարձությունների մատյանից։ Յուրաքանչյուր աղյուսակ կարելի է ներբեռնել CSV կամ JSON ձևաչափով։',
  footerApi: 'GraphQL API',
  noData: 'Տվյալներ դեռ չկան։',
  yes: 'այո',
  no: 'ոչ',
  errorNotFoundTitle: 'Էջը չի գտնվել',
  errorNotFoundText: 'Նման էջ, համայնք կամ հրապարակված իրավական ակտ չկա։',
  errorBadRequestTitle: 'Սխալ հարցում',
  errorBadRequestText: 'Հասցեն պարունակում է անվավեր արժեք (ամսաթիվ, էջ կամ անվանում)։',
  errorInternalTitle: 'Տեղի է ունեցել սխալ',
  errorInternalText: 'Խնդրում ենք փորձել ավելի ուշ։',
  backHome: 'Վերադառնալ ազգային հաշվետվությանը',
  invalidDate: 'Ամսաթիվը պետք է լինի իրական և գրված ՏՏՏՏ-ԱԱ-ՕՕ ձևով։',
  invalidTable: 'Այս էջում նման անունով աղյուսակ չկա։',
  invalidFormat: 'Ձևաչափը պետք է լինի csv կամ json։',

  nationalTitle: 'ՀԿՏՀ ներդրումը Հայաստանի համայնքներում',
  nationalIntro: 'Համայնքապետարաններում էլեկտրոնային կառավարման համակարգերի ազգային հաշվետվություն՝ հաշվարկված իրադարձությունների մատյանից ձեր ընտրած ցանկացած ամսաթվի դրությամբ։',
  dateLabel: 'Ամսաթիվ (դրությամբ)',
  show: 'Ցուցադրել',
  today: 'Այսօր',
  report2019Link: '2019 թ. հուլիսի 1-ի դրությամբ (2019 թ. հաշվետվությունը)',
  adoptionHeading: 'Ներդրումը՝ {date} դրությամբ',
  adoptionCaption: 'ՀԿՏՀ ներդրումը համայնքներում՝ {date} դրությամբ',
  colIndicator: 'Ցուցանիշ',
  colValue: 'Արժեք',
  colReport2019: '2019 թ. հաշվետվության ձևակերպումը',
  report2019Note: 'Վերջին սյունակը մեջբերում է 2019 թ. հուլիսի 1-ի ազգային հաշվետվությունը, իսկ կողքի թվերը հաշվարկված են միայն իրադարձություններից։',
  rowTotalCommunities: 'Համայնքների ընդհանուր թիվը',
  rowWithCmisDeployed: 'ՀԿՏՀ ներդրված համայնքներ',
  rowConsolidatedMultiSettlement: 'Խոշորացված (բազմաբնակավայր) համայնքներ',
  rowConsolidatedWithMultiSettlementCmis: 'որից՝ բազմաբնակավայր ՀԿՏՀ-ով',
  rowWithElectronicDocumentCirculation: 'Էլեկտրոնային փաստաթղթաշրջանառություն ունեցող համայնքներ',
  rowWhereCmisIsOfficialWebsite: 'Համայնքներ, որտեղ ՀԿՏՀ-ն պաշտոնական համացանցային կայքն է',
  rowWithAtLeast3000Residents: '3000 և ավելի բնակիչ ունեցող համայնքներ',
  rowCitizenServiceOffices: 'Քաղաքացիների սպասարկման գրասենյակ («մեկ պատուհան») ունեցող համայնքապետարաններ',
  rowCitizenServiceOfficesWithGiz: 'որից՝ հիմնված GIZ-ի և դոնորների աջակցությամբ',
  rowShareOfPopulationWithCso: 'Երևանից դուրս բնակչության մասնաբաժինը, որին սպասարկում է ՔՍԳ, %',
  approx: 'մոտ {n}',
  moreThan: 'ավելի քան {n}',
  overTimeHeading: 'Ներդրման ընթացքը՝ ըստ ամիսների',
  overTimeCaption: 'Համայնքներն ըստ ամիսների, {from} – {to}',
  overTimeChartTitle: 'ՀԿՏՀ ներդրումը համայնքներում՝ ըստ ամիսների',
  chartTable: 'Գծապատկերը՝ աղյուսակով',
  seriesCmis: 'ՀԿՏՀ ունեցող համայնքներ',
  seriesDocumentCirculation: 'Էլեկտրոնային փաստաթղթաշրջանառություն',
  seriesWebsite: 'Պաշտոնական համացանցային կայքեր',
  seriesCso: 'Քաղաքացիների սպասարկման գրասենյակներ',
  colMonth: 'Ամիս',
  transparencyHeading: 'Թափանցիկություն, {from} – {to}',
  transparencyNationalIntro: 'Բոլոր համայնքները, ընտրած ամսաթվին նախորդող տասներկու ամիսը։',
  transparencyCaption: 'Թափանցիկության հաշվետվություն, {from} – {to}',
  rowDecidedApplications: 'Որոշում կայացված դիմումներ',
  rowMedianDays: 'Մշակման ժամկետի միջնարժեքը, օր',
  rowP90Days: 'Մշակման ժամկետի 90-րդ պերցենտիլը, օր',
  rowShareOnTime: 'Ժամկետում որոշված, %',
  rowActsAdopted: 'Ընդունված իրավական ակտեր',
  rowActsPublished: 'Հրապարակված իրավական ակտեր',
  rowFeesCollectedTotal: 'Գանձված տեղական տուրքեր և վճարներ, դրամ',
  feesCaption: 'Գանձված տեղական տուրքերն ու վճարներն ըստ կոդի, {from} – {to}',
  colFeeCode: 'Կոդ',
  colAmountAmd: 'Գումար, դրամ',
  complaintsByResolutionCaption: 'Բողոքներն ըստ պատասխանի լուծման, {from} – {to}',
  colResolution: 'Լուծում',
  colCount: 'Քանակ',

  communitiesTitle: 'Համայնքներ',
  communitiesIntro: 'Հայաստանի բոլոր համայնքները։ Որոնում անվանմամբ՝ հայերեն կամ անգլերեն։',
  searchLabel: 'Անվանումը՝ հայերեն կամ անգլերեն',
  searchButton: 'Որոնել',
  provinceLabel: 'Մարզ',
  allProvinces: 'Բոլոր մարզերը',
  includeMerged: 'Ներառել նախկին (միավորված) համայնքները',
  communitiesCaption: 'Համայնքներ {range}՝ {total}-ից',
  communitiesFound: 'Գտնվել է {n} համայնք',
  nextPage: 'Հաջորդ էջ',
  firstPage: 'Առաջին էջ',
  colCode: 'Կոդ',
  colNameHy: 'Անվանում (հայերեն)',
  colNameEn: 'Անվանում (անգլերեն)',
  colProvince: 'Մարզ',
  colKind: 'Տեսակ',
  colPopulation: 'Բնակչություն',
  colStatus: 'Կարգավիճակ',
  kindUrban: 'քաղաքային',
  kindRural: 'գյուղական',
  statusActive: 'գործող',
  statusMerged: 'միավորված',

  communityAbout: 'Համայնքի մասին',
  factProvince: 'Մարզ',
  factKind: 'Տեսակ',
  factPopulation: 'Բնակչություն',
  factSettlements: 'Բնակավայրեր',
  factCmis: 'ՀԿՏՀ',
  factCmisSince: '{edition} տարբերակ՝ {date}-ից',
  factCmisNone: 'ներդրված չէ',
  factDocumentCirculation: 'Էլեկտրոնային փաստաթղթաշրջանառություն',
  factWebsite: 'Պաշտոնական համացանցային կայք',
  factWebsiteOnCmis: 'ՀԿՏՀ-ում',
  factWebsiteNone: 'չկա',
  factStatus: 'Կարգավիճակ',
  factMergedInto: 'Միավորվել է',
  editionSingle: 'միաբնակավայր',
  editionMulti: 'բազմաբնակավայր',
  since: '{date}-ից',
  findCommunity: 'Գտնել համայնք',
  servicesHeading: 'Ծառայություններ, վճարներ և ժամկետներ',
  servicesCaption: 'Ծառայությունների ցանկ',
  colService: 'Ծառայություն',
  colFeeAmd: 'Վճար, դրամ',
  colDeadlineDays: 'Ժամկետ, օր',
  colIssues: 'Տրվում է',
  issuesPermit: 'թույլտվություն',
  issuesCertificate: 'տեղեկանք',
  issuesNone: 'ոչինչ',
  actsHeading: 'Գործող իրավական ակտեր',
  actsCaption: '{date} դրությամբ գործող իրավական ակտեր',
  actsHistoryCaption: 'Գործող ակտերի տեքստերի պատմությունը',
  actsUpcomingCaption: 'Հրապարակված ակտեր, որոնք ուժի մեջ կմտնեն ավելի ուշ',
  colEntryIntoForce: 'Ուժի մեջ մտնելը',
  colActNumber: 'Համար',
  colActTitle: 'Վերնագիր',
  colIssuer: 'Ընդունող',
  colInForceFrom: 'Տեքստը գործում է',
  colVersion: 'Տարբերակ',
  colAmendingAct: 'Փոփոխող ակտ',
  issuerCouncil: 'ավագանի',
  issuerHead: 'համայնքի ղեկավար',
  statsHeading: 'Դիմումներ և բողոքներ',
  statsAllTimeCaption: 'Դիմումներ և բողոքներ՝ ամբողջ ժամանակահատվածում',
  rowApplicationsSubmitted: 'Ներկայացված դիմումներ',
  rowApplicationsDecided: 'Որոշում կայացված դիմումներ',
  rowApplicationsOnTime: 'Ժամկետում որոշված',
  rowApplicationsOpen: 'Ընթացքի մեջ գտնվող դիմումներ',
  rowApplicationsOverdue: 'որից՝ ժամկետանց',
  rowComplaintsFiled: 'Ներկայացված բողոքներ',
  rowComplaintsOpen: 'Ընթացքի մեջ գտնվող բողոքներ',
  rowComplaintsOverdue: 'որից՝ ժամկետանց',
  applicationsByStatusCaption: 'Դիմումներն ըստ կարգավիճակի',
  statsPeriodCaption: 'Վերջին տասներկու ամիսը, {from} – {to}',
  byMonthCaption: 'Դիմումներն ըստ ամիսների, {from} – {to}',
  colDecided: 'Որոշված',
  colMedianDays: 'Միջնարժեք, օր',
  colP90Days: '90-րդ պերցենտիլ, օր',
  colOnTimeShare: 'Ժամկետում, %',
  chartByMonthTitle: 'Որոշված դիմումներն ըստ ամիսների',
  chartProcessingTitle: 'Մշակման ժամկետն ըստ ամիսների, օր',
  chartOnTimeTitle: 'Ժամկետում որոշված դիմումների մասնաբաժինն ըստ ամիսների, %',
  complaintsByResolutionAllCaption: 'Բողոքներն ըստ լուծման՝ ամբողջ ժամանակահատվածում',
  complaintsByStatusCaption: 'Բողոքներն ըստ կարգավիճակի',
  csoHeading: 'Քաղաքացիների սպասարկման գրասենյակ («մեկ պատուհան»)',
  csoCaption: 'Քաղաքացիների սպասարկման գրասենյակներ',
  csoNone: 'Համայնքը դեռ չունի քաղաքացիների սպասարկման գրասենյակ։',
  colOfficeName: 'Անվանում',
  colPartners: 'Գործընկերներ',
  colOpenedOn: 'Բացվել է',

  actTextHeading: 'Տեքստը՝ {date} դրությամբ',
  actNotInForce: '{date} դրությամբ այս ակտի որևէ տեքստ ուժի մեջ չէր։',
  actFacts: 'Ակտի մասին',
  actHistoryHeading: 'Տեքստի պատմությունը',
  actHistoryCaption: 'Տեքստի տարբերակները',
  actShowVersion: 'ցուցադրել {n}-րդ տարբերակը',
  actRepealed: 'Ուժը կորցրել է {date}-ից',
  actVotesLabel: 'Քվեարկություն',
  actVotes: 'կողմ՝ {for}, դեմ՝ {against}, ձեռնպահ՝ {abstained}',
  actCommunity: 'Համայնք',
  actStatus: 'Կարգավիճակ',
  actChooseDate: 'Տեքստը՝ դրությամբ',
  backToCommunity: 'Վերադառնալ համայնքի էջ',

  chartFromTo: '{from} – {to}',
  chartSeriesSummary: '{label}՝ {first}-ից մինչև {last}',
};

const LABELS: Record<Lang, Record<LabelKey, string>> = { hy, en };

/** The label in `lang`, with `{name}` placeholders filled from `params`. */
export const t = (lang: Lang, key: LabelKey, params: Record<string, string | number> = {}): string =>
  LABELS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** Every label key (for tests that check both languages). */
export const labelKeys = (): LabelKey[] => Object.keys(en) as LabelKey[];
export const labelsOf = (lang: Lang): Readonly<Record<LabelKey, string>> => LABELS[lang];

/** Statuses and resolutions, as docs/glossary.md names them. */
const STATUS_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    submitted: 'submitted',
    registered: 'registered',
    assigned: 'assigned',
    'awaiting-information': 'awaiting information',
    approved: 'approved',
    rejected: 'rejected',
    completed: 'completed',
    withdrawn: 'withdrawn',
    draft: 'draft',
    'in-discussion': 'in public discussion',
    'on-agenda': 'on the agenda',
    adopted: 'adopted',
    signed: 'signed',
    published: 'published',
    repealed: 'repealed',
    filed: 'filed',
    acknowledged: 'acknowledged',
    responded: 'responded',
    escalated: 'escalated',
    reopened: 'reopened',
    closed: 'closed',
    active: 'active',
    merged: 'merged',
  },
  hy: {
    submitted: 'ներկայացված',
    registered: 'գրանցված',
    assigned: 'հանձնարարված',
    'awaiting-information': 'սպասում է լրացուցիչ տեղեկությունների',
    approved: 'բավարարված',
    rejected: 'մերժված',
    completed: 'ավարտված',
    withdrawn: 'հետ կանչված',
    draft: 'նախագիծ',
    'in-discussion': 'հանրային քննարկման փուլում',
    'on-agenda': 'օրակարգում',
    adopted: 'ընդունված',
    signed: 'ստորագրված',
    published: 'հրապարակված',
    repealed: 'ուժը կորցրած',
    filed: 'ներկայացված',
    acknowledged: 'ընդունված',
    responded: 'պատասխանված',
    escalated: 'վերահասցեագրված',
    reopened: 'վերաբացված',
    closed: 'փակված',
    active: 'գործող',
    merged: 'միավորված',
  },
};

const RESOLUTION_LABELS: Record<Lang, Record<string, string>> = {
  en: { upheld: 'upheld', 'partially-upheld': 'partially upheld', rejected: 'rejected' },
  hy: { upheld: 'բավարարված', 'partially-upheld': 'մասնակի բավարարված', rejected: 'մերժված' },
};

/** A status of an application, fee, act, complaint or community (docs/glossary.md "Statuses"). */
export const statusLabel = (lang: Lang, status: string): string => STATUS_LABELS[lang][status] ?? status;

export const resolutionLabel = (lang: Lang, resolution: string): string => RESOLUTION_LABELS[lang][resolution] ?? resolution;

/** Provinces by their API (English) names, in Armenian as the national data file writes them. */
export const PROVINCE_NAMES: ReadonlyArray<{ readonly en: string; readonly hy: string }> = [
  { en: 'Yerevan', hy: 'Երևան' },
  { en: 'Aragatsotn', hy: 'Արագածոտն' },
  { en: 'Ararat', hy: 'Արարատ' },
  { en: 'Armavir', hy: 'Արմավիր' },
  { en: 'Gegharkunik', hy: 'Գեղարքունիք' },
  { en: 'Lori', hy: 'Լոռի' },
  { en: 'Kotayk', hy: 'Կոտայք' },
  { en: 'Shirak', hy: 'Շիրակ' },
  { en: 'Syunik', hy: 'Սյունիք' },
  { en: 'Vayots Dzor', hy: 'Վայոց Ձոր' },
  { en: 'Tavush', hy: 'Տավուշ' },
];

export const provinceLabel = (lang: Lang, province: string): string => {
  const found = PROVINCE_NAMES.find((p) => p.en === province);
  return found ? found[lang] : province;
};

export const kindLabel = (lang: Lang, kind: string): string => (kind === 'urban' ? t(lang, 'kindUrban') : kind === 'rural' ? t(lang, 'kindRural') : kind);

export const editionLabel = (lang: Lang, edition: string): string =>
  edition === 'single-settlement' ? t(lang, 'editionSingle') : edition === 'multi-settlement' ? t(lang, 'editionMulti') : edition;

export const issuesLabel = (lang: Lang, issues: string): string =>
  issues === 'permit' ? t(lang, 'issuesPermit') : issues === 'certificate' ? t(lang, 'issuesCertificate') : issues === 'none' ? t(lang, 'issuesNone') : issues;

export const issuerLabel = (lang: Lang, issuer: string): string => (issuer === 'council' ? t(lang, 'issuerCouncil') : issuer === 'head' ? t(lang, 'issuerHead') : issuer);

/** The community's name in the page's language (the other one as a fallback). */
export const nameIn = (lang: Lang, named: { readonly nameHy: string; readonly nameEn?: string | null }): string =>
  lang === 'en' && named.nameEn ? named.nameEn : named.nameHy;

export const titleIn = (lang: Lang, act: { readonly titleHy: string; readonly titleEn?: string | null }): string =>
  lang === 'en' && act.titleEn ? act.titleEn : act.titleHy;

// ---------------------------------------------------------------------------------------------------------------
// Formatting (Intl). Dates are calendar dates (YYYY-MM-DD), formatted in UTC so the day never shifts.

const numberFormats = new Map<string, Intl.NumberFormat>();
const numberFormat = (lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(key, format);
  }
  return format;
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormat = (lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
};

export const formatNumber = (lang: Lang, value: number, maximumFractionDigits = 1): string => numberFormat(lang, { maximumFractionDigits }).format(value);

export const formatAmd = (lang: Lang, value: number): string =>
  numberFormat(lang, { style: 'currency', currency: 'AMD', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);

/** `value` is in percent (39.6 means 39.6 %). */
export const formatPercent = (lang: Lang, value: number): string => numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);

const utcDate = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

/** A YYYY-MM-DD date, e.g. "1 July 2019" / "1 հուլիսի, 2019 թ.". */
export const formatDate = (lang: Lang, isoDate: string): string => dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(utcDate(isoDate));

/** A YYYY-MM month, e.g. "Jul 2019". */
export const formatMonth = (lang: Lang, month: string, style: 'short' | 'long' = 'short'): string =>
  dateFormat(lang, { month: style, year: 'numeric' }).format(utcDate(`${month}-01`));

/** The short month name alone ("Jul"). */
export const formatMonthName = (lang: Lang, month: string): string => dateFormat(lang, { month: 'short' }).format(utcDate(`${month}-01`));

export const formatList = (lang: Lang, items: readonly string[]): string => new Intl.ListFormat(LOCALES[lang], { style: 'long', type: 'conjunction' }).format(items);
