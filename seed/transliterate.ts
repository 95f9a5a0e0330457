/**
 * Armenian → Latin transliteration of place names (BGN/PCGN style as used for Armenian place names in
 * English: Երևան → Yerevan, Ոսկեպար → Voskepar, Գյումրի → Gyumri). Used only where the data file gives no
 * English name (settlements of consolidated communities); the result is marked synthetic.
 */
const LETTERS: Readonly<Record<string, string>> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh', ծ: 'ts', կ: 'k',
  հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v',
  տ: 't', ր: 'r', ց: 'ts', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f',
};
const VOWELS = new Set(['ա', 'ե', 'է', 'ը', 'ի', 'ո', 'օ', 'և']);

const word = (w: string): string => {
  const s = w.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const prev = i > 0 ? s[i - 1] : '';
    const initial = i === 0 || VOWELS.has(prev);
    if (c === 'ո' && s[i + 1] === 'ւ') {
      out += 'u';
      i++;
    } else if (c === 'ե') out += initial ? 'ye' : 'e';
    else if (c === 'ո') out += i === 0 ? 'vo' : 'o';
    else if (c === 'և') out += i === 0 ? 'yev' : 'ev';
    else out += LETTERS[c] ?? c;
  }
  return out.length > 0 ? out[0].toUpperCase() + out.slice(1) : out;
};

/** Latin spelling of an Armenian name, each word capitalised ("Մեծ Այրում" → "Mets Ayrum"). */
export const transliterateHy = (name: string): string => name.split(/(\s+|-)/).map((part) => (/^\s+$|^-$/.test(part) ? part : word(part))).join('');

/** A lowercase ASCII slug for addresses ("Vayots Dzor" → "vayots-dzor"). */
export const slug = (latin: string): string =>
  latin
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
