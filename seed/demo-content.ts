/**
 * The words of the demo seed (demo.ts): the three demo communities, their service catalogue, and the
 * Armenian texts of applications, fees, acts and complaints (English where a field for it exists).
 * Pure data; nothing here is random or dated.
 */
import type { CommunityKind } from '../domain/community/commands';
import type { Province } from '../domain/community/provinces';

export interface DemoCommunity {
  /** The 2019 community code (S_cod_adm3), as the national history registers it. */
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  /** Genitive form for titles ("Գյումրու համայնք"). */
  readonly nameHyGenitive: string;
  readonly province: Province;
  readonly kind: CommunityKind;
  /** Used only when the demo registers the community itself (no national history in the store). */
  readonly population: number;
  readonly settlements: readonly string[];
  /** Members of the council (votes are drawn within it). */
  readonly councilSize: number;
  readonly streets: readonly string[];
  /** The construction permit's local duty, in drams. */
  readonly permitFeeAmd: number;
}

/** Three real communities of the 2019 registry (codes of seed/data/armenia-communities-2019.json). */
export const DEMO_COMMUNITIES: readonly DemoCommunity[] = [
  {
    code: 'AM08001',
    nameHy: 'Գյումրի',
    nameEn: 'Gyumri',
    nameHyGenitive: 'Գյումրու',
    province: 'Shirak',
    kind: 'urban',
    population: 112_000,
    settlements: ['Գյումրի'],
    councilSize: 33,
    streets: ['Ռիժկովի փողոց', 'Աբովյան փողոց', 'Գորկու փողոց', 'Շիրակացու փողոց', 'Վարդանանց հրապարակ', 'Ռուստավելու փողոց', 'Ջիվանու փողոց', 'Անի թաղամաս'],
    permitFeeAmd: 10_000,
  },
  {
    code: 'AM11003',
    nameHy: 'Դիլիջան',
    nameEn: 'Dilijan',
    nameHyGenitive: 'Դիլիջանի',
    province: 'Tavush',
    kind: 'urban',
    population: 22_500,
    settlements: ['Դիլիջան', 'Հաղարծին', 'Թեղուտ', 'Գոշ', 'Աղավնավանք', 'Հովք', 'Խաչարձան'],
    councilSize: 21,
    streets: ['Մյասնիկյան փողոց', 'Շահումյան փողոց', 'Կալինինի փողոց', 'Գետափնյա փողոց', 'Հաղարծին գյուղ, 2-րդ փողոց', 'Գոշ գյուղ, 1-ին փողոց'],
    permitFeeAmd: 8_000,
  },
  {
    code: 'AM09003',
    nameHy: 'Գորիս',
    nameEn: 'Goris',
    nameHyGenitive: 'Գորիսի',
    province: 'Syunik',
    kind: 'urban',
    population: 21_000,
    settlements: ['Գորիս', 'Ակներ', 'Աղբուլաղ', 'Բարձրավան', 'Խնձորեսկ', 'Հարթաշեն', 'Ձորակ', 'Ներքին Խնձորեսկ', 'Շուռնուխ', 'Որոտան', 'Վանանդ', 'Վերիշեն', 'Քարահունջ'],
    councilSize: 21,
    streets: ['Մաշտոցի փողոց', 'Սյունիքի փողոց', 'Անկախության փողոց', 'Գ. Նժդեհի փողոց', 'Խնձորեսկ գյուղ, 3-րդ փողոց', 'Վերիշեն գյուղ, 1-ին փողոց'],
    permitFeeAmd: 8_000,
  },
];

export type DemoServiceCode = 'construction-permit' | 'residence-certificate' | 'tax-liability-certificate' | 'general-inquiry' | 'excavation-consent';

export interface DemoService {
  readonly code: DemoServiceCode;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly feeAmd: number;
  readonly deadlineDays: number;
  readonly issues: 'none' | 'permit' | 'certificate';
}

/** The service catalogue each demo community offers. */
export const demoServices = (community: DemoCommunity): readonly DemoService[] => [
  { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: community.permitFeeAmd, deadlineDays: 30, issues: 'permit' },
  { code: 'residence-certificate', nameHy: 'Տեղեկանք բնակության վայրի մասին', nameEn: 'Certificate of residence', feeAmd: 1_000, deadlineDays: 5, issues: 'certificate' },
  {
    code: 'tax-liability-certificate',
    nameHy: 'Տեղեկանք հարկային պարտավորությունների մասին',
    nameEn: 'Certificate on tax liabilities',
    feeAmd: 0,
    deadlineDays: 3,
    issues: 'certificate',
  },
  { code: 'general-inquiry', nameHy: 'Հարցում համայնքապետարանին', nameEn: 'Inquiry to the municipality', feeAmd: 0, deadlineDays: 15, issues: 'none' },
  { code: 'excavation-consent', nameHy: 'Համաձայնություն հողային աշխատանքների համար', nameEn: 'Consent for excavation works', feeAmd: 0, deadlineDays: 10, issues: 'none' },
];

export const FIRST_NAMES: readonly string[] = [
  'Անի', 'Արամ', 'Գայանե', 'Դավիթ', 'Էլեն', 'Հասմիկ', 'Հովհաննես', 'Լիլիթ', 'Կարեն', 'Մարիամ', 'Նարեկ', 'Նունե',
  'Սամվել', 'Սոնա', 'Տիգրան', 'Արմինե', 'Վարդան', 'Գոհար', 'Արթուր', 'Լուսինե', 'Ռուբեն', 'Սիրանուշ', 'Գևորգ', 'Աստղիկ',
];

export const SURNAMES: readonly string[] = [
  'Սարգսյան', 'Հովհաննիսյան', 'Գրիգորյան', 'Պետրոսյան', 'Մկրտչյան', 'Հարությունյան', 'Ավետիսյան', 'Կարապետյան',
  'Խաչատրյան', 'Վարդանյան', 'Մանուկյան', 'Ղազարյան', 'Առաքելյան', 'Բաղդասարյան', 'Սիմոնյան', 'Ստեփանյան',
];

export const BUSINESSES: readonly string[] = [
  '«Շիրակ Մարկետ» ՍՊԸ', '«Արագած Ֆուդ» ՍՊԸ', '«Կամար» ՍՊԸ', '«Լոռի Շին» ՍՊԸ', '«Վերելք» ԱՁ', '«Նոր Տուն» ՍՊԸ', '«Արևիկ» ԱՁ', '«Զանգեզուր Տուր» ՍՊԸ',
];

export const PERMIT_SUBJECTS: readonly string[] = [
  'Ավտոտնակի կառուցում',
  'Բնակելի տան ընդլայնում',
  'Առևտրային տաղավարի տեղադրում',
  'Պարսպի կառուցում',
  'Երկրորդ հարկի կառուցում',
  'Բնակարանի վերակառուցում',
  'Ջերմոցի կառուցում',
  'Պատշգամբի ապակեպատում',
];

export const RESIDENCE_PURPOSES: readonly string[] = ['աշխատավայր', 'բանկ', 'դպրոց', 'նոտարական գրասենյակ', 'սոցիալական ծառայություն', 'զինկոմիսարիատ'];

export const TAX_PURPOSES: readonly string[] = ['նոտարին', 'բանկին', 'դատարանին', 'վիզայի դիմումին կից'];

export const INQUIRIES: ReadonlyArray<{ readonly subject: string; readonly details: string; readonly answer: string }> = [
  {
    subject: 'Աղբահանության ժամանակացույցի մասին',
    details: 'Խնդրում եմ տեղեկացնել, թե շաբաթվա որ օրերին է աղբը հավաքվում մեր թաղամասում։',
    answer: 'Ձեր թաղամասում աղբը հավաքվում է երկուշաբթի, չորեքշաբթի և ուրբաթ օրերին՝ ժամը 07:00-ից 10:00-ն։',
  },
  {
    subject: 'Մանկապարտեզի հերթագրության մասին',
    details: 'Ինչպե՞ս հերթագրել երեխային համայնքային մանկապարտեզում և ի՞նչ փաստաթղթեր են անհրաժեշտ։',
    answer: 'Հերթագրումը կատարվում է համայնքապետարանի ՔՍԳ-ում կամ առցանց․ անհրաժեշտ են ծննդյան վկայականը և ծնողի անձնագիրը։',
  },
  {
    subject: 'Փողոցի վերանորոգման ժամկետների մասին',
    details: 'Խնդրում եմ տեղեկացնել, թե երբ է նախատեսված մեր փողոցի ասֆալտապատումը։',
    answer: 'Փողոցի ասֆալտապատումը ներառված է ընթացիկ տարվա ճանապարհաշինության ծրագրում և նախատեսված է երրորդ եռամսյակում։',
  },
  {
    subject: 'Համայնքի բյուջեի կատարողականի մասին',
    details: 'Որտե՞ղ կարող եմ ծանոթանալ համայնքի բյուջեի կատարողականին։',
    answer: 'Բյուջեի եռամսյակային կատարողականը հրապարակվում է համայնքի պաշտոնական կայքում՝ «Բաց տվյալներ» բաժնում։',
  },
  {
    subject: 'Սոցիալական աջակցության ծրագրերի մասին',
    details: 'Ի՞նչ աջակցություն է տրամադրում համայնքը բազմազավակ ընտանիքներին։',
    answer: 'Համայնքը տրամադրում է միանվագ դրամական օգնություն և ազատում մանկապարտեզի վճարից՝ ավագանու որոշման համաձայն։',
  },
  {
    subject: 'Գույքահարկի վճարման եղանակների մասին',
    details: 'Ինչպե՞ս կարող եմ վճարել գույքահարկը առցանց։',
    answer: 'Գույքահարկը կարելի է վճարել e-gov.am կայքով, բանկային հավելվածներով կամ վճարային տերմինալներով։',
  },
];

export const CONSENT_SUBJECTS: readonly string[] = [
  'Հողային աշխատանքներ ջրագծի միացման համար',
  'Գազատարի անցկացում բակում',
  'Կոյուղագծի վերանորոգում',
  'Էլեկտրական մալուխի անցկացում',
];

export const INFORMATION_REQUESTS: ReadonlyArray<{ readonly question: string; readonly answer: string }> = [
  { question: 'Խնդրում ենք ներկայացնել սեփականության վկայականի պատճենը։', answer: 'Սեփականության վկայականի պատճենը կցված է։' },
  { question: 'Խնդրում ենք ներկայացնել հարևանների գրավոր համաձայնությունը։', answer: 'Հարևանների ստորագրված համաձայնությունը կցված է։' },
  { question: 'Խնդրում ենք ճշտել շինության մակերեսը և հարկայնությունը։', answer: 'Շինության մակերեսը 48 քմ է, մեկ հարկ։' },
  { question: 'Խնդրում ենք ներկայացնել նախագծի էսքիզը։', answer: 'Էսքիզային նախագիծը կցված է։' },
];

export const REJECTIONS: ReadonlyArray<{ readonly reason: string; readonly basis: string }> = [
  {
    reason: 'Նախագիծը չի համապատասխանում համայնքի գլխավոր հատակագծին։',
    basis: '«Քաղաքաշինության մասին» ՀՀ օրենք, հոդված 14.1',
  },
  {
    reason: 'Չեն ներկայացվել պահանջվող փաստաթղթերը։',
    basis: '«Վարչարարության հիմունքների և վարչական վարույթի մասին» ՀՀ օրենք, հոդված 30',
  },
  {
    reason: 'Հողամասը համայնքային սեփականություն է և տրամադրված չէ դիմողին։',
    basis: 'ՀՀ հողային օրենսգիրք, հոդված 60',
  },
  {
    reason: 'Դիմողը չի հանդիսանում տվյալ հասցեում հաշվառված բնակիչ։',
    basis: '«Տեղական ինքնակառավարման մասին» ՀՀ օրենք, հոդված 33',
  },
];

export const WITHDRAWAL_REASONS: readonly string[] = ['Դիմումը ներկայացվել է սխալմամբ։', 'Շինարարությունը հետաձգվել է։', 'Տեղեկանքն այլևս անհրաժեշտ չէ։', 'Հարցը լուծվել է այլ կերպ։'];

export const APPROVAL_BASIS: Readonly<Record<DemoServiceCode, string>> = {
  'construction-permit': '«Քաղաքաշինության մասին» ՀՀ օրենք, հոդված 22',
  'residence-certificate': '«Տեղական ինքնակառավարման մասին» ՀՀ օրենք, հոդված 33',
  'tax-liability-certificate': '«Տեղական ինքնակառավարման մասին» ՀՀ օրենք, հոդված 38',
  'general-inquiry': '«Տեղեկատվության ազատության մասին» ՀՀ օրենք',
  'excavation-consent': 'Համայնքի ավագանու որոշում՝ հողային աշխատանքների կարգի մասին',
};

export const FEE_BASIS = '«Տեղական տուրքերի և վճարների մասին» ՀՀ օրենք և համայնքի ավագանու որոշումը տեղական տուրքերի դրույքաչափերի մասին';

/** Local duties and fees assessed outside any application. */
export const LOCAL_FEES: ReadonlyArray<{ readonly code: string; readonly basis: string; readonly minAmd: number; readonly maxAmd: number; readonly business: boolean }> = [
  { code: 'street-trade', basis: 'Տեղական տուրք՝ փողոցային առևտրի թույլտվության համար', minAmd: 15_000, maxAmd: 30_000, business: true },
  { code: 'outdoor-advertising', basis: 'Տեղական տուրք՝ արտաքին գովազդի տեղադրման համար', minAmd: 20_000, maxAmd: 60_000, business: true },
  { code: 'alcohol-trade', basis: 'Տեղական տուրք՝ ալկոհոլային խմիչքների վաճառքի թույլտվության համար', minAmd: 50_000, maxAmd: 100_000, business: true },
  { code: 'waste-collection', basis: 'Տեղական վճար՝ աղբահանության համար', minAmd: 3_600, maxAmd: 12_000, business: false },
  { code: 'kindergarten', basis: 'Տեղական վճար՝ համայնքային մանկապարտեզի ծառայության համար', minAmd: 8_000, maxAmd: 15_000, business: false },
];

export const WAIVER_REASON = 'Ազատվում է՝ որպես սոցիալապես անապահով ընտանիք, ավագանու որոշման համաձայն։';
export const CANCEL_REASON = 'Գանձումը նշանակվել է սխալմամբ՝ կրկնակի հաշվառում։';
export const REFUND_REASON = 'Վերահաշվարկ՝ ծառայությունը մատուցվել է թերի ամսվա համար։';
export const FULL_REFUND_REASON = 'Ծառայությունից հրաժարում՝ վճարը վերադարձվում է ամբողջությամբ։';

export type ComplaintTopic = { readonly category: string; readonly subject: string; readonly description: string };

export const COMPLAINT_TOPICS: readonly ComplaintTopic[] = [
  { category: 'roads', subject: 'Փոսեր փողոցի երթևեկելի մասում', description: 'Փողոցում առաջացել են խոր փոսեր, որոնք վտանգավոր են մեքենաների և հետիոտների համար։' },
  { category: 'waste-collection', subject: 'Աղբը չի հավաքվում արդեն մեկ շաբաթ', description: 'Բակի աղբամանները լցված են, աղբը չի տարվում արդեն մեկ շաբաթ։' },
  { category: 'street-lighting', subject: 'Փողոցային լուսավորությունը չի աշխատում', description: 'Երեկոյան ժամերին փողոցը լիովին մութ է, լապտերները չեն վառվում։' },
  { category: 'water-supply', subject: 'Ջրամատակարարման հաճախակի ընդհատումներ', description: 'Վերջին երկու շաբաթվա ընթացքում ջուրը բազմիցս անջատվել է առանց նախազգուշացման։' },
  { category: 'municipal-services', subject: 'Դիմումի պատասխանի ուշացում', description: 'Իմ դիմումին պատասխան չեմ ստացել օրենքով սահմանված ժամկետում։' },
  { category: 'noise', subject: 'Գիշերային աղմուկ սրճարանից', description: 'Սրճարանը երաժշտությունը բարձր է միացնում մինչև ուշ գիշեր։' },
  { category: 'public-transport', subject: 'Երթուղային տաքսին չի պահպանում չվացուցակը', description: 'Առավոտյան ժամերին երթուղային տաքսին կես ժամ ուշանում է։' },
  { category: 'green-spaces', subject: 'Այգու ծառերը չեն խնամվում', description: 'Համայնքային այգում չորացած ծառերը վտանգավոր են երեխաների համար։' },
];

export const COMPLAINT_RESPONSES: Readonly<Record<'upheld' | 'partially-upheld' | 'rejected', readonly string[]>> = {
  upheld: ['Բողոքը բավարարված է․ խնդիրը վերացվել է, աշխատանքները կատարվել են։', 'Բողոքը հիմնավոր է․ համապատասխան ծառայությանը տրվել է հանձնարարական, խնդիրը լուծված է։'],
  'partially-upheld': [
    'Բողոքը մասնակի բավարարված է․ ժամանակավոր լուծում է տրվել, ամբողջական աշխատանքները ներառված են հաջորդ տարվա ծրագրում։',
    'Բողոքը մասնակի հիմնավոր է․ միջոցներ են ձեռնարկվել, սակայն մի մասը դուրս է համայնքի լիազորություններից։',
  ],
  rejected: ['Բողոքը մերժվում է․ ստուգմամբ խախտում չի հայտնաբերվել։', 'Բողոքը մերժվում է, քանի որ հարցը համայնքի լիազորություններից դուրս է։'],
};

export const ESCALATION_REASONS: Readonly<Record<'head' | 'ministry', string>> = {
  head: 'Խնդրի լուծումը պահանջում է համայնքի ղեկավարի որոշում։',
  ministry: 'Խնդիրը դուրս է համայնքի լիազորություններից և վերահասցեագրվում է ՏԿԵՆ։',
};

export const REOPEN_REASON = 'Խնդիրը փաստացի չի լուծվել, խնդրում եմ վերանայել բողոքը։';

/** Resident comments on acts in public discussion. */
export const ACT_COMMENTS: readonly string[] = [
  'Առաջարկում եմ սահմանել արտոնություն կենսաթոշակառուների համար։',
  'Դրույքաչափերը բարձր են փոքր բիզնեսի համար, խնդրում եմ վերանայել։',
  'Համաձայն եմ նախագծին, սակայն անհրաժեշտ է հստակեցնել կիրառման ժամկետը։',
  'Խնդրում եմ նախագծում ներառել նաև գյուղական բնակավայրերը։',
  'Նախագիծը դեմ է բնակիչների շահերին, առաջարկում եմ չընդունել։',
  'Լավ նախաձեռնություն է, կողմ եմ։',
];

export interface DemoActText {
  readonly titleHy: string;
  readonly titleEn: string;
  readonly text: string;
}

/** The acts of a community (council decisions and decisions of the head). */
export const demoActs = (c: DemoCommunity) => {
  const of = `${c.nameHyGenitive} համայնքի`;
  return {
    rates: {
      titleHy: `${c.nameHy} համայնքում տեղական տուրքերի և վճարների դրույքաչափերը սահմանելու մասին`,
      titleEn: `On the rates of local duties and fees in ${c.nameEn} community`,
      text: `1. Սահմանել ${of} տեղական տուրքերի դրույքաչափերը՝ համաձայն հավելված 1-ի։\n2. Սահմանել տեղական վճարների դրույքաչափերը՝ համաձայն հավելված 2-ի։\n3. Սույն որոշումն ուժի մեջ է մտնում պաշտոնական հրապարակմանը հաջորդող տասներորդ օրը։`,
      revisedText: `1. Սահմանել ${of} տեղական տուրքերի դրույքաչափերը՝ համաձայն հավելված 1-ի։\n2. Սահմանել տեղական վճարների դրույքաչափերը՝ համաձայն հավելված 2-ի։\n3. Շինարարության թույլտվության տեղական տուրքը սահմանել ${c.permitFeeAmd} դրամ։\n4. Սույն որոշումն ուժի մեջ է մտնում պաշտոնական հրապարակմանը հաջորդող տասներորդ օրը։`,
      amendedText: `1. Սահմանել ${of} տեղական տուրքերի դրույքաչափերը՝ համաձայն հավելված 1-ի (փոփոխված խմբագրությամբ)։\n2. Սահմանել տեղական վճարների դրույքաչափերը՝ համաձայն հավելված 2-ի։\n3. Շինարարության թույլտվության տեղական տուրքը սահմանել ${c.permitFeeAmd} դրամ։\n3.1. Բազմազավակ ընտանիքներին ազատել աղբահանության վճարից։\n4. Սույն որոշումն ուժի մեջ է մտնում պաշտոնական հրապարակմանը հաջորդող տասներորդ օրը։`,
    },
    exemptions: {
      titleHy: `Սոցիալապես անապահով ընտանիքներին տեղական վճարներից արտոնություն տրամադրելու մասին`,
      titleEn: 'On exempting socially vulnerable families from local fees',
      text: `1. ${of} սոցիալապես անապահով ընտանիքներին ազատել աղբահանության և մանկապարտեզի վճարներից։\n2. Արտոնությունը տրամադրվում է համայնքի ղեկավարի որոշմամբ՝ դիմումի հիման վրա։`,
    },
    streetTrade: {
      titleHy: `${of} տարածքում փողոցային առևտրի կանոնները հաստատելու մասին`,
      titleEn: `On the rules of street trade in ${c.nameEn} community`,
      text: '1. Հաստատել փողոցային առևտրի կանոնները՝ համաձայն հավելվածի։\n2. Փողոցային առևտուրն իրականացվում է միայն համայնքի կողմից սահմանված վայրերում։',
    },
    amendment: {
      titleHy: `${of} ավագանու՝ տեղական տուրքերի և վճարների դրույքաչափերը սահմանելու մասին որոշման մեջ փոփոխություն կատարելու մասին`,
      titleEn: 'On amending the council decision on the rates of local duties and fees',
      text: '1. Որոշման 3-րդ կետից հետո լրացնել 3.1-ին կետ՝ բազմազավակ ընտանիքներին աղբահանության վճարից ազատելու մասին։',
    },
    parking: {
      titleHy: `${of} կենտրոնական փողոցներում վճարովի ավտոկայանատեղիներ սահմանելու մասին`,
      titleEn: 'On paid parking in the central streets',
      text: '1. Սահմանել վճարովի ավտոկայանատեղիներ կենտրոնական փողոցներում։\n2. Կայանման վճարը սահմանել 100 դրամ՝ մեկ ժամի համար։',
    },
    repealStreetTrade: {
      titleHy: `Փողոցային առևտրի կանոնները հաստատելու մասին ավագանու որոշումն ուժը կորցրած ճանաչելու մասին`,
      titleEn: 'On repealing the council decision on the rules of street trade',
      text: '1. Ուժը կորցրած ճանաչել փողոցային առևտրի կանոնները հաստատելու մասին ավագանու որոշումը՝ նոր կանոնների ընդունմամբ։',
    },
    receptionHours: {
      titleHy: 'Համայնքապետարանում քաղաքացիների ընդունելության ժամերը սահմանելու մասին',
      titleEn: 'On the hours of receiving residents at the municipality',
      text: '1. Սահմանել քաղաքացիների ընդունելությունը երկուշաբթի և հինգշաբթի օրերին՝ ժամը 10:00-ից 13:00-ն։',
    },
    receptionHoursNew: {
      titleHy: 'Համայնքապետարանում քաղաքացիների ընդունելության նոր կարգ սահմանելու մասին',
      titleEn: 'On a new order of receiving residents at the municipality',
      text: '1. Սահմանել քաղաքացիների ընդունելությունը ամեն աշխատանքային օր՝ ժամը 09:00-ից 13:00-ն, այդ թվում՝ առցանց։\n2. Ուժը կորցրած ճանաչել ընդունելության ժամերի մասին նախորդ որոշումը։',
    },
    cleanup: {
      titleHy: 'Համայնքային շաբաթօրյակ կազմակերպելու մասին',
      titleEn: 'On organising a community clean-up day',
      text: '1. Կազմակերպել համայնքային շաբաթօրյակ՝ ապրիլի վերջին շաբաթ օրը։\n2. Աշխատակազմին ապահովել անհրաժեշտ գույքը։',
    },
    playgrounds: {
      titleHy: 'Բակային խաղահրապարակների բարեկարգման ծրագիրը հաստատելու մասին',
      titleEn: 'On the programme of improving courtyard playgrounds',
      text: '1. Հաստատել բակային խաղահրապարակների բարեկարգման ծրագիրը՝ համաձայն հավելվածի։',
    },
    transport: {
      titleHy: 'Համայնքային ավտոբուսային երթուղիների ցանցը հաստատելու մասին',
      titleEn: 'On the network of community bus routes',
      text: '1. Հաստատել համայնքային ավտոբուսային երթուղիների նոր ցանցը։\n2. Ուղեվարձը սահմանել 150 դրամ։',
    },
    budget: {
      titleHy: `${of} հաջորդ տարվա բյուջեն հաստատելու մասին`,
      titleEn: `On the budget of ${c.nameEn} community for the next year`,
      text: '1. Հաստատել համայնքի բյուջեն՝ համաձայն հավելվածի։\n2. Բյուջեի կատարումը վերահսկել ավագանու մշտական հանձնաժողովին։',
    },
    snow: {
      titleHy: 'Ձմռանը ձյան մաքրման աշխատանքները կազմակերպելու մասին',
      titleEn: 'On organising snow clearing in winter',
      text: '1. Հաստատել ձյան մաքրման աշխատանքների ժամանակացույցը։\n2. Առաջնահերթություն տալ դպրոցների և հիվանդանոցների շրջակա փողոցներին։',
    },
    heating: {
      titleHy: 'Դպրոցների և մանկապարտեզների ջեռուցման սեզոնը սկսելու մասին',
      titleEn: 'On starting the heating season in schools and kindergartens',
      text: '1. Համայնքային դպրոցներում և մանկապարտեզներում ջեռուցման սեզոնը սկսել հոկտեմբերի 15-ից։',
    },
  };
};
