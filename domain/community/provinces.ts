/** Provinces (marzes) and Yerevan, by the English names of seed/data/armenia-communities-2019.json. */
export const PROVINCES = [
  'Yerevan',
  'Aragatsotn',
  'Ararat',
  'Armavir',
  'Gegharkunik',
  'Lori',
  'Kotayk',
  'Shirak',
  'Syunik',
  'Vayots Dzor',
  'Tavush',
] as const;

export type Province = (typeof PROVINCES)[number];

export const isProvince = (value: unknown): value is Province => typeof value === 'string' && (PROVINCES as readonly string[]).includes(value);
