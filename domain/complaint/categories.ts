/**
 * The complaint categories every community answers for: the subjects of local self-government that
 * residents complain about (roads, waste, lighting, water, …), grouped as the communities' departments
 * are. A complaint names one by its code; Open311 clients see them as the community's services
 * (docs/open311.md). The codes are stable: they are recorded in `ComplaintFiled.category`.
 */
export interface ComplaintCategory {
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  /** The department-like group it belongs to. */
  readonly group: string;
  readonly descriptionHy: string;
  readonly descriptionEn: string;
  /** Words a client may search by. */
  readonly keywords: readonly string[];
}

export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = [
  {
    code: 'roads',
    nameHy: 'Ճանապարհներ և փողոցներ',
    nameEn: 'Roads and streets',
    group: 'infrastructure',
    descriptionHy: 'Փոսեր, վնասված ասֆալտ, մայթեր և երթևեկելի մասի այլ անսարքություններ։',
    descriptionEn: 'Potholes, damaged asphalt, pavements and other defects of the carriageway.',
    keywords: ['pothole', 'road', 'pavement', 'ճանապարհ'],
  },
  {
    code: 'street-lighting',
    nameHy: 'Փողոցային լուսավորություն',
    nameEn: 'Street lighting',
    group: 'infrastructure',
    descriptionHy: 'Չաշխատող կամ վնասված լապտերներ, չլուսավորված փողոցներ և բակեր։',
    descriptionEn: 'Street lights out or damaged, unlit streets and yards.',
    keywords: ['streetlight', 'lamp', 'լուսավորություն'],
  },
  {
    code: 'water-supply',
    nameHy: 'Ջրամատակարարում',
    nameEn: 'Water supply',
    group: 'infrastructure',
    descriptionHy: 'Ջրամատակարարման ընդհատումներ, վթարներ, ջրի որակ։',
    descriptionEn: 'Interruptions of the water supply, leaks, water quality.',
    keywords: ['water', 'leak', 'ջուր'],
  },
  {
    code: 'waste-collection',
    nameHy: 'Աղբահանություն',
    nameEn: 'Waste collection',
    group: 'environment',
    descriptionHy: 'Չհավաքված աղբ, լցված աղբամաններ, ապօրինի աղբավայրեր։',
    descriptionEn: 'Uncollected waste, overflowing bins, illegal dumping.',
    keywords: ['garbage', 'trash', 'waste', 'աղբ'],
  },
  {
    code: 'green-spaces',
    nameHy: 'Կանաչ տարածքներ',
    nameEn: 'Parks and green spaces',
    group: 'environment',
    descriptionHy: 'Այգիների, ծառերի և կանաչ տարածքների խնամք։',
    descriptionEn: 'Care of parks, trees and green spaces.',
    keywords: ['park', 'tree', 'այգի'],
  },
  {
    code: 'noise',
    nameHy: 'Աղմուկ',
    nameEn: 'Noise',
    group: 'environment',
    descriptionHy: 'Թույլատրելին գերազանցող աղմուկ, հատկապես գիշերային ժամերին։',
    descriptionEn: 'Noise beyond what is allowed, especially at night.',
    keywords: ['noise', 'աղմուկ'],
  },
  {
    code: 'public-transport',
    nameHy: 'Հասարակական տրանսպորտ',
    nameEn: 'Public transport',
    group: 'transport',
    descriptionHy: 'Համայնքային երթուղիներ, չվացուցակներ և կանգառներ։',
    descriptionEn: 'Community routes, timetables and stops.',
    keywords: ['bus', 'minibus', 'transport', 'տրանսպորտ'],
  },
  {
    code: 'municipal-services',
    nameHy: 'Համայնքային ծառայություններ',
    nameEn: 'Municipal services',
    group: 'administration',
    descriptionHy: 'Համայնքապետարանի ծառայությունների որակ, ժամկետների խախտում, աշխատակիցների վարքագիծ։',
    descriptionEn: 'Quality of the municipality’s services, missed deadlines, staff conduct.',
    keywords: ['service', 'deadline', 'ծառայություն'],
  },
];

export const complaintCategory = (code: string): ComplaintCategory | undefined => COMPLAINT_CATEGORIES.find((c) => c.code === code);
