/**
 * The demo's correspondence of one community (about 35 documents): letters coming in by post, email, in
 * person and online from residents, routed by the head's resolutions to clerks with control dates in
 * working days — awaiting a resolution, in execution (some overdue), executed on time or late, with an
 * extended control date, closed, one registration cancelled — replies answering some of them, signed by
 * the head and sent by post or email; internal orders; and one letter dispatched on the system to the
 * next demo community, which arrives registered in that community's incoming journal (interagency).
 *
 * Control dates are counted with the law's working-day calendar (domain/working-days), as the command
 * counts them, so that the plan knows which reports are on time and which are late. Every text and
 * choice is drawn while planning (never while the commands run), so a later run sends the same commands.
 */
import { daysBetween } from '../domain/kernel/time';
import { addWorkingDays, STATUTORY } from '../domain/working-days/calendar';
import type { Commands } from '../application/commands/registry';
import { DEMO_WINDOW_DAYS } from './demo-applications';
import { DEMO_COMMUNITIES, type DemoCommunity } from './demo-content';
import { mix, pad2, recentBiased, type DemoActors, type Story, type Timeline } from './demo-timeline';
import type { Random } from './random';

type IncomingOutcome = 'awaiting' | 'in-execution' | 'overdue' | 'executed' | 'late' | 'closed' | 'extended' | 'replied' | 'cancelled';

export const INCOMING_MIX: ReadonlyArray<readonly [IncomingOutcome, number]> = [
  ['awaiting', 3],
  ['in-execution', 3],
  ['overdue', 3],
  ['executed', 4],
  ['late', 2],
  ['closed', 3],
  ['extended', 2],
  ['replied', 2],
  ['cancelled', 1],
];

const SENDERS: readonly string[] = [
  'ՀՀ տարածքային կառավարման և ենթակառուցվածքների նախարարություն',
  'Մարզպետարան',
  'ՀՀ պետական եկամուտների կոմիտե',
  '«Հայաստանի էլեկտրական ցանցեր» ՓԲԸ',
  '«Վեոլիա Ջուր» ՓԲԸ',
  'Թիվ 5 միջնակարգ դպրոց',
  'ՀՀ ոստիկանության տեղային բաժին',
  'Քաղաքացիական ավիացիայի կոմիտե',
];

const LETTERS: ReadonlyArray<{ readonly subject: string; readonly summary: string }> = [
  { subject: 'Ճանապարհների ընթացիկ նորոգման ծրագրի մասին', summary: 'Խնդրում են ներկայացնել համայնքի ճանապարհների նորոգման ժամանակացույցը։' },
  { subject: 'Տեղեկատվության տրամադրման մասին', summary: 'Խնդրում են տրամադրել համայնքի բյուջեի կատարման եռամսյակային տվյալները։' },
  { subject: 'Աղբահանության ծառայության մասին', summary: 'Բնակիչների դժգոհություն աղբահանության գրաֆիկից։' },
  { subject: 'Դպրոցի տանիքի վերանորոգման մասին', summary: 'Խնդրում են համաֆինանսավորել դպրոցի տանիքի վերանորոգումը։' },
  { subject: 'Ջրամատակարարման ընդհատումների մասին', summary: 'Տեղեկացնում են պլանային աշխատանքների և ջրի անջատման մասին։' },
  { subject: 'Փողոցային լուսավորության մասին', summary: 'Առաջարկում են փոխարինել լուսատուները էներգախնայող լուսատուներով։' },
  { subject: 'Հողամասի սահմանների ճշտման մասին', summary: 'Խնդրում են ճշտել հողամասի սահմանները կադաստրային քարտեզում։' },
  { subject: 'Մշակութային միջոցառման կազմակերպման մասին', summary: 'Առաջարկում են համատեղ կազմակերպել տոնական համերգ։' },
];

const RESIDENT_LETTERS: readonly string[] = ['Բակի խաղահրապարակի վերանորոգման խնդրանք', 'Կանգառում սպասասրահ տեղադրելու առաջարկ', 'Շենքի մուտքի լուսավորության խնդրանք'];

const INSTRUCTIONS: readonly string[] = ['Ուսումնասիրել և պատրաստել պատասխան', 'Ներկայացնել տեղեկանք', 'Կազմակերպել կատարումը և զեկուցել', 'Ի կատարում', 'Քննարկել և ներկայացնել առաջարկ'];

const REPORTS: readonly string[] = ['Կատարված է, պատասխանն ուղարկված է։', 'Տեղեկանքը ներկայացված է։', 'Աշխատանքներն իրականացված են։', 'Հարցը քննարկվել է, առաջարկը ներկայացված է ղեկավարին։'];

const INTERNAL_ORDERS: readonly string[] = [
  'Աշխատակազմի աշխատանքային ժամերի մասին',
  'Քաղաքացիների ընդունելության ժամանակացույցի մասին',
  'Գույքագրում անցկացնելու մասին',
  'Հրդեհային անվտանգության միջոցառումների մասին',
  'Արձակուրդների ժամանակացույցի մասին',
];

const EXTENSION_REASON = 'Անհրաժեշտ է լրացուցիչ տեղեկություն այլ մարմնից։';
const CANCEL_REASON = 'Նամակը գրանցվել է կրկնակի։';

type RegisterIncoming = Parameters<Commands['registerIncomingDocument']>[0];
type RegisterOutgoing = Parameters<Commands['registerOutgoingDocument']>[0];
type RegisterInternal = Parameters<Commands['registerInternalDocument']>[0];

/** The demo community the community's interagency letter goes to (the next one, round). */
const nextCommunity = (c: DemoCommunity): DemoCommunity => DEMO_COMMUNITIES[(DEMO_COMMUNITIES.findIndex((d) => d.code === c.code) + 1) % DEMO_COMMUNITIES.length];

export const planDocuments = (t: Timeline, c: DemoCommunity, actors: DemoActors, rnd: Random): void => {
  const { head, clerks } = actors;
  /** The day (relative to today) of the control date `workingDays` working days after `day`. */
  const controlDay = (day: number, workingDays: number): number => daysBetween(t.today, addWorkingDays(STATUTORY, t.date(day), workingDays));

  const resolve = (story: Story, day: number, cid: (what: string) => string, key: string, executors: readonly string[], workingDays: number): void => {
    const instruction = rnd.pick(INSTRUCTIONS);
    story.command(day, cid('resolve'), head, (ctx, rt) => rt.commands.issueResolution({ documentId: rt.id(key), executorIds: [...executors], instruction, controlWorkingDays: workingDays }, ctx));
  };
  const report = (story: Story, day: number, cid: (what: string) => string, key: string, executor: (typeof clerks)[number]): void => {
    const text = rnd.pick(REPORTS);
    story.command(day, cid(`report-${executor.id}`), executor, (ctx, rt) => rt.commands.reportExecution({ documentId: rt.id(key), report: text }, ctx));
  };
  const close = (story: Story, day: number, cid: (what: string) => string, key: string): void =>
    story.command(day, cid('close'), clerks[0], (ctx, rt) => rt.commands.closeDocument({ id: rt.id(key) }, ctx));

  mix(rnd, INCOMING_MIX).forEach((outcome, i) => {
    const key = `${c.code}:incoming-${pad2(i + 1)}`;
    const cid = (what: string): string => `demo:${key}:${what}`;
    const story = t.story(rnd.int(9 * 60, 12 * 60));
    const workingDays = rnd.pick([5, 10, 10, 15]);
    const executors = (rnd.next() < 0.25 ? rnd.shuffle(clerks).slice(0, 2) : [rnd.pick(clerks)]).map((k) => k.id);
    // The day it arrives: recent for what is still open without being overdue; long enough ago for the rest.
    const s =
      outcome === 'awaiting'
        ? rnd.int(-6, -1)
        : outcome === 'in-execution'
          ? rnd.int(-5, -2)
          : outcome === 'overdue'
            ? recentBiased(rnd, -DEMO_WINDOW_DAYS + 30, -60)
            : recentBiased(rnd, -DEMO_WINDOW_DAYS + 10, -90);
    const online = outcome !== 'cancelled' && rnd.next() < 0.2;
    const resident = rnd.pick(actors.residents);
    const letter = rnd.pick(LETTERS);
    const channel = online ? 'online' : rnd.pick(['post', 'post', 'email', 'in-person'] as const);
    const registrar = online ? resident.actor : clerks[i % clerks.length];
    const input = online
      ? { communityId: c.code, senderName: resident.name, receivedOn: t.date(s), subject: rnd.pick(RESIDENT_LETTERS), channel }
      : { communityId: c.code, senderName: rnd.pick(SENDERS), senderReference: `${rnd.int(1, 30)}/${rnd.int(100, 9999)}`, receivedOn: t.date(s), subject: letter.subject, summary: letter.summary, channel };
    story.command(s, cid('register'), registrar, async (ctx, rt) => {
      rt.remember(key, (await rt.commands.registerIncomingDocument({ input } as RegisterIncoming, ctx)).id);
    });
    if (outcome === 'cancelled') {
      story.command(s, cid('cancel'), clerks[0], (ctx, rt) => rt.commands.cancelRegistration({ id: rt.id(key), reason: CANCEL_REASON }, ctx));
      return;
    }
    if (outcome === 'awaiting') return;

    const resolvedOn = outcome === 'in-execution' ? s + 1 : s + rnd.int(0, 2);
    resolve(story, resolvedOn, cid, key, executors, outcome === 'in-execution' ? 15 : workingDays);
    if (outcome === 'in-execution' || outcome === 'overdue') return;

    let due = controlDay(resolvedOn, workingDays);
    if (outcome === 'extended') {
      const extendOn = due - rnd.int(0, 2);
      const dueOn = addWorkingDays(STATUTORY, t.date(due), 5);
      story.command(Math.max(resolvedOn, extendOn), cid('extend'), head, (ctx, rt) => rt.commands.extendControl({ documentId: rt.id(key), dueOn, reason: EXTENSION_REASON }, ctx));
      due = daysBetween(t.today, dueOn);
    }
    // On time: on a day up to the control date; late: a few days after it.
    const reportedOn = outcome === 'late' ? due + rnd.int(1, 6) : Math.max(resolvedOn, due - rnd.int(0, 4));
    executors.forEach((id) => report(story, reportedOn, cid, key, clerks.find((k) => k.id === id)!));

    if (outcome === 'replied') {
      const replyKey = `${key}:reply`;
      const rcid = (what: string): string => `demo:${replyKey}:${what}`;
      const repliedOn = reportedOn;
      const recipientName = input.senderName;
      const via = rnd.pick(['post', 'email'] as const);
      story.command(repliedOn, rcid('register'), clerks[0], async (ctx, rt) => {
        const reply = { communityId: c.code, recipientName, subject: `Պատասխան՝ ${input.subject}`, text: `Ի պատասխան Ձեր նամակի՝ տեղեկացնում ենք, որ հարցը լուծված է։`, inReplyTo: rt.id(key) };
        rt.remember(replyKey, (await rt.commands.registerOutgoingDocument({ input: reply } as RegisterOutgoing, ctx)).id);
      });
      story.command(repliedOn, rcid('sign'), head, (ctx, rt) => rt.commands.signOutgoingDocument({ id: rt.id(replyKey) }, ctx));
      story.command(repliedOn + 1, rcid('dispatch'), clerks[0], (ctx, rt) => rt.commands.dispatchDocument({ id: rt.id(replyKey), via }, ctx));
      story.command(repliedOn + 1, rcid('close'), clerks[0], (ctx, rt) => rt.commands.closeDocument({ id: rt.id(replyKey) }, ctx));
    }
    if (outcome === 'closed' || outcome === 'late' || outcome === 'extended' || outcome === 'replied') close(story, reportedOn + 1, cid, key);
  });

  // Internal orders: three executed and closed, two only registered.
  INTERNAL_ORDERS.forEach((subject, i) => {
    const key = `${c.code}:internal-${pad2(i + 1)}`;
    const cid = (what: string): string => `demo:${key}:${what}`;
    const story = t.story(rnd.int(13 * 60, 15 * 60));
    const s = recentBiased(rnd, -DEMO_WINDOW_DAYS + 10, -40);
    story.command(s, cid('register'), clerks[0], async (ctx, rt) => {
      rt.remember(key, (await rt.commands.registerInternalDocument({ input: { communityId: c.code, subject, text: `${c.nameHyGenitive} համայնքապետարանի կարգադրություն՝ ${subject.toLowerCase()}։` } } as RegisterInternal, ctx)).id);
    });
    if (i >= 3) return;
    const executor = clerks[(i + 1) % clerks.length];
    resolve(story, s, cid, key, [executor.id], 10);
    const reportedOn = controlDay(s, 10) - rnd.int(0, 5);
    report(story, Math.max(s, reportedOn), cid, key, executor);
    close(story, Math.max(s, reportedOn) + 1, cid, key);
  });

  // Outgoing on the community's own initiative: one to the next demo community on the system, one signed and
  // waiting to be sent, one drafted and registered only.
  const recipient = nextCommunity(c);
  const outgoing = [
    { what: 'interagency', recipientName: `${recipient.nameHyGenitive} համայնքապետարան`, recipientCommunityId: recipient.code, subject: 'Համագործակցության հուշագրի նախագծի մասին' },
    { what: 'signed', recipientName: 'Մարզպետարան', subject: 'Համայնքի զարգացման ծրագրի կատարման մասին' },
    { what: 'registered', recipientName: '«Վեոլիա Ջուր» ՓԲԸ', subject: 'Ջրագծի վթարի վերացման մասին' },
  ] as const;
  outgoing.forEach((o, i) => {
    const key = `${c.code}:outgoing-${o.what}`;
    const cid = (what: string): string => `demo:${key}:${what}`;
    const story = t.story(rnd.int(14 * 60, 16 * 60));
    const s = o.what === 'interagency' ? recentBiased(rnd, -120, -20) : rnd.int(-12, -3 - i);
    story.command(s, cid('register'), clerks[1 % clerks.length], async (ctx, rt) => {
      const input = { communityId: c.code, recipientName: o.recipientName, ...('recipientCommunityId' in o ? { recipientCommunityId: o.recipientCommunityId } : {}), subject: o.subject, text: `${o.subject}։ Առաջարկում ենք քննարկել։` };
      rt.remember(key, (await rt.commands.registerOutgoingDocument({ input } as RegisterOutgoing, ctx)).id);
    });
    if (o.what === 'registered') return;
    story.command(s + 1, cid('sign'), head, (ctx, rt) => rt.commands.signOutgoingDocument({ id: rt.id(key) }, ctx));
    if (o.what === 'interagency') story.command(s + 1, cid('dispatch'), clerks[0], (ctx, rt) => rt.commands.dispatchDocument({ id: rt.id(key) }, ctx));
  });
};
