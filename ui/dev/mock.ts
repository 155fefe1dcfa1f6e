// A stand-in for the Rust side, for looking at the window in a plain browser (screenshots,
// design checks) without building the app: `npm run mock` then open http://localhost:4173.
// Not part of the app's build.

import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { addYears } from '../src/lib/view';
import { codeLabel } from '../src/lib/i18n';
import type {
  AppInfo,
  Application,
  ApplicationView,
  Arrival,
  Backup,
  MovedIn,
  ServerPerson,
  ServerStatus,
  CheckReport,
  CohortSettings,
  Commission,
  Coverage,
  DecisionView,
  DeferralChoice,
  Eligibility,
  EndChoice,
  Explanation,
  FieldChange,
  Figures,
  GrantYears,
  GraduateDetail,
  GraduatePage,
  GraduateQuery,
  GraduateRow,
  GroundChoice,
  ImportPreview,
  ImportReport,
  Meeting,
  MeetingDefaults,
  ObligationEnd,
  ObligationState,
  ObligationView,
  PapersResult,
  Payment,
  Period,
  PeriodView,
  PlacementStats,
  PlacementTally,
  Priority,
  ProgrammeOption,
  QueueRow,
  Reason,
  Rule,
  Simulation,
  StudyCost,
  Suggestion,
  Text,
  University,
  Vacancy,
  WishWhy,
  Written,
} from '../src/lib/types';

const YEAR = 2025;
const REGIONS = ['almaty_city', 'astana', 'karaganda', 'turkistan', 'pavlodar', 'abai', 'zhambyl', 'ulytau'] as const;
const SURNAMES = ['Әбдірахманов', 'Сейітқалиева', 'Нұрланова', 'Ким', 'Петрова', 'Жұмабеков', 'Оспанов', 'Қасымова', 'Иванов', 'Төлеуова'];
const NAMES = ['Айдана', 'Ерлан', 'Томирис', 'Алексей', 'Ксения', 'Бауыржан', 'Мәди', 'Гүлназ', 'Дмитрий', 'Әсел'];
const PROGRAMMES = [
  ['6B01501', 'Математика'],
  ['6B10101', 'Жалпы медицина'],
  ['6B09101', 'Ветеринарлық медицина'],
  ['6B07101', 'Химиялық технология'],
  ['7M01501', 'Математика (магистратура)'],
  ['6B04101', 'Экономика'],
] as const;
const FUNDINGS = ['state_order', 'rural_quota', 'serpin', 'state_order', 'state_order'] as const;
const STATUSES = ['undecided', 'undecided', 'vacancy', 'vacancy', 'employment_centre', 'exemption', 'undecided', 'deferral'] as const;

const graduates: GraduateRow[] = Array.from({ length: 340 }, (_, i) => {
  const p = PROGRAMMES[i % PROGRAMMES.length];
  return {
    id: i + 1,
    iin: String(10000000000 + i * 7919).padStart(12, '0'),
    full_name: `${SURNAMES[i % 10]} ${NAMES[(i * 3) % 10]}`,
    program_code: p[0],
    program_name: p[1],
    level: p[0].startsWith('7M') ? 'master' : 'bachelor',
    funding: FUNDINGS[i % FUNDINGS.length],
    graduation_year: YEAR,
    region: i % 9 === 0 ? null : REGIONS[i % REGIONS.length],
    status: STATUSES[i % STATUSES.length],
  };
});

const vacancies: Vacancy[] = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  employer: {
    bin: String(940140000385 + i),
    name: ['КММ «№5 жалпы білім беретін мектеп»', 'ШЖҚ КМК «Аудандық аурухана»', 'ЖШС «Агрофирма Береке»', 'ГУ «Отдел ветеринарии»', 'ТОО «KazChem»'][i % 5],
    kind: (['education', 'health', 'agrarian', 'state_vet_body', 'other'] as const)[i % 5],
    ownership: i % 3 === 0 ? 'private' : 'state',
  },
  year: YEAR,
  position: ['Математика пәнінің мұғалімі', 'Дәрігер-терапевт', 'Агроном', 'Ветеринарлық дәрігер', 'Инженер-технолог'][i % 5],
  program_codes: i % 4 === 0 ? [] : [PROGRAMMES[i % PROGRAMMES.length][0]],
  places: 1 + (i % 4),
  region: REGIONS[i % REGIONS.length],
  district: i % 2 ? 'Қарасай ауданы' : null,
  settlement: i % 2 ? 'Қаскелең' : null,
  rural: i % 2 === 1,
  contact_person: 'Сәрсенова Г.',
  phone: '+7 727 000 00 00',
  places_left: i % 6 === 0 ? 0 : 1 + (i % 3),
}));

let commission: Commission | null = {
  id: 1,
  year: YEAR,
  name: { kk: '2025 жылғы түлектерді дербес бөлу жөніндегі комиссия', ru: 'Комиссия по персональному распределению выпускников 2025 года' },
  members: [
    { id: 1, role: 'chair', full_name: 'Омаров Серік Бақытұлы', position: 'Проректор' },
    { id: 2, role: 'secretary', full_name: 'Ахметова Динара Қайратқызы', position: 'Мансап орталығының басшысы' },
    { id: 3, role: 'member', full_name: 'Ли Виктор Сергеевич', position: 'Декан' },
  ],
};

const meetings: Meeting[] = [
  { id: 1, commission_id: 1, number: 1, held_on: '2025-06-20', place: 'Ректорат', present: [1, 2, 3], finalised: { at: '2025-06-20T15:00:00Z', by: 'secretary' } },
  { id: 2, commission_id: 1, number: 2, held_on: '2025-07-04', place: null, present: [1, 2, 3], finalised: null },
];

const rules: Rule[] = [
  { name: { kk: 'Ауылдық квота: педагогика', ru: 'Сельская квота: педагогика' }, funding: 'rural_quota', levels: ['bachelor'], fields: { only: ['pedagogical'] }, kinds: { only: ['education'] }, area: 'rural_only', term_years: 3 },
  { name: { kk: '«Серпін»', ru: '«Серпін»' }, funding: 'serpin', levels: ['bachelor'], fields: { only: ['technical', 'pedagogical', 'agricultural'] }, kinds: 'any', area: { regions: ['akmola', 'aktobe', 'ulytau'] }, term_years: 2 },
  { name: { kk: 'Мемлекеттік тапсырыс: басқа бағдарламалар', ru: 'Госзаказ: прочие программы' }, funding: 'state_order', levels: ['bachelor', 'master'], fields: 'any', kinds: 'any', area: 'anywhere', term_years: 3 },
];

// ---- Follow-up: kept per graduate, so that the follow-up screen's commands change what it shows.
type Kept = {
  arrival: Arrival | null;
  periods: Period[];
  study_cost: StudyCost | null;
  grant: GrantYears | null;
  payments: Payment[];
  end: ObligationEnd | null;
};
const kept = new Map<number, Kept>();
let nextId = 1000;

/** The order in words, roughly as the core says it (the preview has no core to ask). */
function orderText(p: Priority): Text {
  const say = (l: 'kk' | 'ru') => p.criteria.map((c, i) => `${i + 1}. ${codeLabel(l, 'Criterion', c)}`).concat(codeLabel(l, 'TieBreak', p.tie_break)).join('; ');
  return { kk: say('kk'), ru: say('ru') };
}

function keptOf(id: number): Kept {
  let k = kept.get(id);
  if (!k) {
    const referred = graduates[id - 1].status === 'vacancy';
    const scenario = id % 4;
    k = {
      arrival: referred && scenario !== 2 ? { on: '2025-09-01', confirmed_by: 'Жұмыс берушінің хаты №12', note: null } : null,
      periods:
        referred && scenario !== 2
          ? [
              {
                id: id * 10,
                activity: { kind: 'work', employer: { type: 'registered', bin: vacancies[2].employer.bin, name: vacancies[2].employer.name } },
                place: { kind: vacancies[2].employer.kind, region: vacancies[2].region, rural: vacancies[2].rural },
                span: { from: '2025-09-01', to: scenario === 1 ? '2026-02-27' : null },
                note: null,
              },
              ...(scenario === 0
                ? [{ id: id * 10 + 1, activity: { kind: 'work', employer: { type: 'unregistered', name: 'ЖШС «Жеке орталық»' } }, place: { kind: 'other', region: 'almaty_city', rural: false }, span: { from: '2026-03-01', to: '2026-04-30' }, note: null } satisfies Period]
                : []),
            ]
          : [],
      study_cost: scenario === 2 ? null : { amount: 2450000, scope: 'grant_years', basis: 'Университеттің есебі' },
      grant: id % 6 === 0 ? { on_grant: 2.5, normative: null, source: 'list' } : null,
      payments: scenario === 1 && id % 8 === 5 ? [{ id: id * 10, paid_on: '2026-05-10', amount: 500000, document: 'Түбіртек №5521' }] : [],
      end: null,
    };
    kept.set(id, k);
  }
  return k;
}

/** What a later list changed in a decided graduate (the dev preview's example). */
const RENAMED: FieldChange = {
  field: 'surname',
  label: { kk: 'Тегі', ru: 'Фамилия' },
  old: { kk: 'Нұрланова', ru: 'Нұрланова' },
  new: { kk: 'Ахметова', ru: 'Ахметова' },
};

const REVIEW: Text = {
  kk: 'Келісімшарт бойынша қызмет заңда кейінге қалдыру негізі емес: комиссия шешімді қайта қарауы керек',
  ru: 'Служба по контракту не основание для отсрочки по закону: комиссии нужно пересмотреть решение',
};

function decisionsOf(id: number): DecisionView[] {
  const g = graduates[id - 1];
  const base = {
    meeting_id: 1,
    meeting_number: 1,
    meeting_date: '2025-06-20',
    graduate_id: id,
    revises: null,
    revised_by: null,
    reason: null,
    created_at: '2025-06-20T10:11:00Z',
    created_by: 'secretary',
  };
  switch (g.status) {
    case 'vacancy':
      return [{ ...base, id: 100 + id, outcome: { kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-01' }, term_years: 3, due: { arrival: '2025-09-01', deadline: '2025-10-01' }, summary: { kk: `Бос орынға жолдама: ${vacancies[2].employer.name}, ${vacancies[2].position}; келу күні 01.09.2025`, ru: `Направление на вакансию: ${vacancies[2].employer.name}, ${vacancies[2].position}; дата прибытия 01.09.2025` }, review: null }];
    case 'employment_centre':
      return [{ ...base, id: 100 + id, outcome: { kind: 'employment_centre', region: g.region ?? 'almaty_city', override_reason: null }, term_years: 3, due: { arrival: '2025-09-01', deadline: '2025-10-01' }, summary: { kk: 'Жұмыспен қамту орталығына жолдама', ru: 'Направление в центр занятости' }, review: null }];
    case 'exemption':
      return [{ ...base, id: 100 + id, outcome: { kind: 'exemption', ground: 'further_study', proofs: [{ document: 'admission_order', file: '/home/secretary/proofs/order.pdf' }] }, term_years: null, due: null, summary: { kk: 'Өтеуден босатылды: магистратураға түсті', ru: 'Освобождён: поступил в магистратуру' }, review: null }];
    case 'deferral':
      return [{ ...base, id: 100 + id, outcome: { kind: 'deferral', reason: 'military_enlistment', from: '2025-07-01', to: '2026-06-30' }, term_years: 3, due: null, summary: { kk: 'Кейінге қалдыру: келісімшарт бойынша әскери қызмет, 01.07.2025 – 30.06.2026', ru: 'Отсрочка: воинская служба по контракту, 01.07.2025 – 30.06.2026' }, review: REVIEW }];
    default:
      return [];
  }
}

function coverageOf(id: number): Coverage {
  const g = graduates[id - 1];
  return id % 5 === 0
    ? { status: 'not_covered', funding: g.funding, level: g.level, field: 'other' }
    : { status: 'covered', row: 3, name: rules[2].name, funding: g.funding, term_years: 3 };
}

const LABELS: Record<ObligationState, Text> = {
  awaiting_decision: { kk: 'Комиссия шешімін күтуде', ru: 'Ожидает решения комиссии' },
  not_covered: { kk: 'Ережелер кестесінде қамтылмаған', ru: 'Не охвачен таблицей правил' },
  referred: { kk: 'Жолданды, әлі келген жоқ', ru: 'Направлен, ещё не прибыл' },
  working: { kk: 'Жұмыс істеп жүр', ru: 'Работает' },
  between_periods: { kk: 'Кезеңдер арасындағы үзіліс', ru: 'Перерыв между периодами' },
  at_centre: { kk: 'Жұмыспен қамту орталығында тіркеуде', ru: 'На учёте в центре занятости' },
  deferred: { kk: 'Кейінге қалдырылған (әскери қызмет)', ru: 'Отсрочка (воинская служба)' },
  exempted: { kk: 'Жұмыспен өтеуден босатылған', ru: 'Освобождён от отработки' },
  fulfilled: { kk: 'Жұмыспен өтелді', ru: 'Отработано' },
  broken: { kk: 'Міндеттеме бұзылды', ru: 'Обязательство нарушено' },
  refund_paid_in_part: { kk: 'Шығыстар ішінара өтелді', ru: 'Расходы возмещены частично' },
  refund_paid: { kk: 'Шығыстар толық өтелді', ru: 'Расходы возмещены полностью' },
  ended: { kk: 'Өзге негізбен тоқтатылды', ru: 'Прекращено по иному основанию' },
};

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86400000) + 1;

/** A believable obligation for the mock's graduates: not the core's arithmetic, only its shape. */
function obligationOf(id: number): ObligationView {
  const g = graduates[id - 1];
  const k = keptOf(id);
  const decision = decisionsOf(id).at(-1) ?? null;
  const coverage = coverageOf(id);
  const asOf = '2026-11-22';
  const share = k.grant ? { on_grant: k.grant.on_grant, normative: k.grant.normative ?? 4 } : null;
  const fullDays = 1096;
  const termDays = share ? Math.round((fullDays * share.on_grant) / share.normative) : fullDays;
  const periods: PeriodView[] = k.periods.map((p) => {
    const counts = p.activity.kind !== 'work' || p.place?.kind !== 'other';
    const reasons: Reason[] = counts
      ? []
      : [{ code: 'kind_not_allowed', message: { kk: 'Ұйымның бұл түрі бұл санатқа рұқсат етілмеген', ru: 'Этот вид организации не допускается для этой категории' } }];
    return { period: p, counts, days: days(p.span.from, p.span.to ?? asOf), reasons };
  });
  const counted = periods.filter((p) => p.counts && p.period.activity.kind !== 'deferral').reduce((n, p) => n + p.days, 0);
  const paused = periods.filter((p) => p.period.activity.kind === 'deferral').reduce((n, p) => n + p.days, 0);
  const paid = k.payments.reduce((n, p) => n + p.amount, 0);
  const cost = k.study_cost?.amount ?? null;
  const owedFull = cost === null ? null : Math.round((cost * (termDays - Math.min(counted, termDays))) / termDays);
  const open = k.periods.some((p) => p.span.to === null);
  let state: ObligationState;
  if (k.end) state = 'ended';
  else if (g.status === 'undecided') state = coverage.status === 'covered' ? 'awaiting_decision' : 'not_covered';
  else if (g.status === 'exemption') state = 'exempted';
  else if (g.status === 'deferral') state = 'deferred';
  else if (g.status === 'employment_centre') state = 'at_centre';
  else if (counted >= termDays) state = 'fulfilled';
  else if (open) state = 'working';
  else if (!k.arrival && k.periods.length === 0) state = 'referred';
  else if (owedFull !== null && paid >= owedFull) state = 'refund_paid';
  else state = paid > 0 ? 'refund_paid_in_part' : 'broken';
  const owing = state === 'broken' || state === 'refund_paid_in_part' || state === 'refund_paid';
  const runs = state === 'working' || state === 'referred' || state === 'at_centre' || state === 'deferred';
  const notes: Reason[] = [];
  if (coverage.status === 'not_covered') notes.push({ code: 'not_covered', message: { kk: 'Ережелер кестесінің бірде-бір жолы түлекті қамтымайды', ru: 'Ни одна строка таблицы правил не охватывает выпускника' } });
  if (decision?.review) notes.push({ code: 'review', message: decision.review });
  if (!k.study_cost && state !== 'exempted' && state !== 'fulfilled') notes.push({ code: 'cost_unknown', message: { kk: 'Оқу құны енгізілмеген: өтелетін сома есептелмейді', ru: 'Стоимость обучения не внесена: сумма возмещения не рассчитывается' } });
  const started = k.arrival?.on ?? (decision?.outcome.kind === 'vacancy' ? decision.outcome.arrival_date : null);
  return {
    graduate_id: id,
    coverage,
    decision,
    state_label: LABELS[state],
    study_cost: k.study_cost,
    share,
    arrival: k.arrival,
    periods,
    payments: k.payments,
    end: k.end,
    notes,
    as_of: asOf,
    state,
    start: started,
    deadline: state === 'referred' ? '2025-10-01' : null,
    since: state === 'broken' || state === 'refund_paid_in_part' ? '2026-02-28' : k.end?.on ?? null,
    term: { years: 3, full_days: fullDays, share, days: termDays },
    term_days: termDays,
    counted_days: Math.min(counted, termDays),
    paused_days: paused,
    remaining_days: Math.max(0, termDays - counted),
    ends_on: state === 'working' ? '2028-08-31' : null,
    refund_owed: owing ? owedFull : 0,
    refund_if_stopped: runs && owedFull !== null ? owedFull : null,
    paid,
    balance: owing && owedFull !== null ? owedFull - paid : null,
  };
}

function detail(id: number): GraduateDetail {
  const g = graduates[id - 1];
  const [surname, name] = g.full_name.split(' ');
  return {
    graduate: {
      id,
      iin: g.iin,
      surname,
      name,
      patronymic: null,
      birth_date: '2002-04-27',
      sex: 'female',
      level: g.level,
      funding: g.funding,
      field: 'pedagogical',
      program_code: g.program_code,
      program_name: g.program_name,
      graduation_year: YEAR,
      region: g.region,
      phone: '+7 701 000 00 00',
      email: null,
      grant: keptOf(id).grant,
    },
    decisions: decisionsOf(id),
    obligation: obligationOf(id),
    history: [
      { at: '2025-06-01T09:00:00Z', actor: 'Омарова Д.', what: { kk: 'Тізімнен қосылды', ru: 'Добавлен из списка' }, changes: [] },
      {
        at: '2025-09-02T10:11:00Z',
        actor: 'Омарова Д.',
        what: { kk: 'Келгені: түзетілді', ru: 'Прибытие: исправлено' },
        changes: [{ field: 'on', label: { kk: 'Келген күні', ru: 'Дата прибытия' }, old: { kk: '01.09.2025', ru: '01.09.2025' }, new: { kk: '02.09.2025', ru: '02.09.2025' } }],
      },
    ],
    version: 2,
  };
}

let cohortSettings: CohortSettings = {
  arrival: { month: 9, day: 1 },
  arrival_grace_days: 30,
  gap_grace_days: 30,
  uncovered_term_years: 3,
  normative_years: { bachelor: 4, master: 2, residency: 2, doctorate: 3 },
};

/** The graduate whose period or payment it is. */
function ownerOf(list: 'periods' | 'payments', itemId: number): number {
  for (const [id, k] of kept) if (k[list].some((x) => x.id === itemId)) return id;
  return 1;
}

function page(q: GraduateQuery): GraduatePage {
  const s = q.search.toLowerCase();
  const rows = graduates.filter(
    (g) =>
      (!s || g.full_name.toLowerCase().includes(s) || g.iin.startsWith(s)) &&
      (!q.funding || g.funding === q.funding) &&
      (!q.level || g.level === q.level) &&
      (!q.program_code || g.program_code === q.program_code) &&
      (!q.status || g.status === q.status),
  );
  return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
}

const fail = (code: string, kk: string, ru: string, params: Record<string, string> = {}) =>
  Promise.reject({ code, params, message: { kk, ru } });

let deskPerson: string | null = null;
mockWindows('main');
// ---- Matching: applications kept per graduate; both modes made up over the queue.
let priority: Priority = { criteria: ['rural_quota', 'grade_average', 'applied_on'], tie_break: 'lottery', seed: 1 };
const applications = new Map<number, Application>();

function queue(): QueueRow[] {
  return [
    ...graduates.filter((g) => g.status === 'undecided').slice(0, 40).map((g): QueueRow => ({ ...g, state: coverageOf(g.id).status === 'covered' ? 'awaiting_decision' : 'not_covered', revises: null, changed: [] })),
    ...graduates.filter((g) => g.status === 'deferral').slice(0, 3).map((g): QueueRow => ({ ...g, state: 'awaiting_decision', revises: 100 + g.id, changed: [] })),
    // Referred at the finalised meeting, then renamed by a later list.
    ...graduates.filter((g) => g.status === 'vacancy').slice(0, 1).map((g): QueueRow => ({ ...g, state: 'awaiting_decision', revises: 100 + g.id, changed: [RENAMED] })),
  ];
}

function applicationOf(id: number): ApplicationView {
  const a = applications.get(id) ?? {
    wishes: [{ kind: 'vacancy', vacancy_id: 1 + (id % 40) }, { kind: 'employer', bin: vacancies[id % 5].employer.bin, region: null }, { kind: 'region', region: REGIONS[id % REGIONS.length] }],
    applied_on: '2025-05-20',
    social: null,
  };
  return {
    graduate_id: id,
    applied_on: a.applied_on,
    social: a.social,
    wishes: a.wishes.map((wish) => {
      const full = wish.kind === 'vacancy' && vacancies[wish.vacancy_id - 1]?.places_left === 0;
      return { wish, allowed: full ? 0 : 2, flag: full ? { code: 'no_places_left', message: { kk: 'Бұл бос орында орын қалмады.', ru: 'В этой вакансии не осталось мест.' } } : null };
    }),
  };
}

/** Every `every`-th graduate of the queue left out; the rest on the open vacancies in turn. */
function made(every: number): Suggestion[] {
  const open = vacancies.filter((v) => v.places_left > 0);
  return queue()
    .filter((g, i) => g.revises === null && i % every !== every - 1)
    .map((g, i) => ({ graduate_id: g.id, vacancy_id: open[i % open.length].id, wish: i % 4 === 3 ? null : 1 + (i % 3), own_region: i % 2 === 0, programme_named: i % 3 === 0, cost: 10 }));
}

function figuresOf(mode: Figures['mode'], rows: Suggestion[], graduates: number): Figures {
  const by_wish = [1, 2, 3].map((n) => rows.filter((s) => s.wish === n).length);
  const places = vacancies.reduce((n, v) => n + v.places_left, 0);
  return { mode, graduates, places, placed: rows.length, by_wish, no_wish: rows.filter((s) => s.wish === null).length, unplaced: graduates - rows.length, envy: mode === 'stable' ? 0 : 3 };
}

function simulation(): Simulation {
  const waiting = queue().filter((g) => g.revises === null).length;
  const [stable, fill] = [made(3), made(8)];
  return {
    year: YEAR,
    priority: orderText(priority),
    stable,
    fill,
    figures: [figuresOf('stable', stable, waiting), figuresOf('fill', fill, waiting)],
  };
}

function explanationOf(id: number, mode: Figures['mode']): Explanation {
  const waiting = queue().filter((g) => g.revises === null);
  const got = simulation()[mode].find((s) => s.graduate_id === id) ?? null;
  const wishes = applicationOf(id).wishes.map((w) => w.wish);
  const above = got?.wish ? got.wish - 1 : got ? 0 : wishes.length;
  return {
    graduate_id: id,
    standing: {
      place: waiting.findIndex((g) => g.id === id) + 1,
      rural_place: Math.max(1, waiting.findIndex((g) => g.id === id) - 4),
      of: waiting.length,
      facts: priority.criteria.map((c) => [c, c === 'rural_quota' ? { kk: 'жоқ', ru: 'нет' } : c === 'grade_average' ? { kk: '3.42', ru: '3.42' } : { kk: '20.05.2025', ru: '20.05.2025' }]),
      order: orderText(priority),
    },
    got,
    wishes: wishes.slice(0, above).map((wish, i): WishWhy => {
      const standsFor = wish.kind === 'vacancy' ? vacancies.filter((v) => v.id === wish.vacancy_id) : vacancies.filter((v) => (wish.kind === 'region' ? v.region === wish.region : v.employer.bin === wish.bin)).slice(0, 3);
      return {
        rank: i + 1,
        wish,
        vacancies: standsFor.map((v, j) => ({
          vacancy_id: v.id,
          employer: v.employer.name,
          position: v.position,
          ...(j % 3 === 1
            ? { why: { kind: 'refused', reasons: [] }, text: { kk: 'Ережелер рұқсат етпейді: бұл бос орын ауылдық квотаның ережесіне сай емес.', ru: 'Не допускается правилами: вакансия не соответствует правилу сельской квоты.' } }
            : j % 3 === 2
              ? { why: { kind: 'unacceptable' }, text: { kk: 'Жұмыс беруші кандидатураны қабылдамады.', ru: 'Работодатель отклонил кандидатуру.' } }
              : { why: { kind: 'taken', places: 2, above: [[{ by: 'criterion', code: 'grade_average' }, 2]], below: 0, free: 0 }, text: { kk: '2 орын; 2 орын кезекте жоғары тұрған түлектерге берілді (2 — «Орташа балл (GPA)» бойынша).', ru: 'Мест: 2; 2 отдано выпускникам выше в очереди (2 — по критерию «Средний балл (GPA)»).' } }),
        })),
        text: standsFor.length === 0 ? { kk: 'Бұл тілекке сай ашық бос орын жоқ.', ru: 'Открытых вакансий по этому пожеланию нет.' } : { kk: `Бос орындар: ${standsFor.length}.`, ru: `Вакансий: ${standsFor.length}.` },
      };
    }),
  };
}

mockIPC(
  async (cmd, raw) => {
    const args = (raw ?? {}) as Record<string, any>;
    switch (cmd) {
      case 'check_register':
        return { meetings: 1, papers: 3, findings: [] } satisfies CheckReport;
      case 'desk_person':
        return deskPerson;
      case 'set_desk_person':
        deskPerson = String(args.name).trim();
        return deskPerson;
      case 'app_info':
        return { version: '0.1.0', db_path: '/home/secretary/.local/share/kz.joldama.app/joldama.sqlite3', data_dir: '/home/secretary/.local/share/kz.joldama.app', schema_version: 4, years: [YEAR, 2024], graduates: graduates.length, vacancies: vacancies.length, meetings: meetings.length, network_share: null, server: null } satisfies AppInfo;
      case 'graduates_page':
        return page(args.query);
      case 'programmes':
        return PROGRAMMES.map(([code, name]): ProgrammeOption => ({ code, name }));
      case 'graduate_detail':
        return detail(args.graduateId);
      case 'vacancies':
        return vacancies;
      case 'commission':
        return commission;
      case 'create_commission':
        commission = { id: 1, year: args.request.year, name: args.request.name ?? { kk: `${args.request.year} жылғы түлектерді дербес бөлу жөніндегі комиссия`, ru: `Комиссия по персональному распределению выпускников ${args.request.year} года` }, members: [] };
        return commission;
      case 'add_member':
        if (commission) commission = { ...commission, members: [...commission.members, { id: commission.members.length + 1, role: args.request.role, full_name: args.request.full_name, position: args.request.position }] };
        return commission;
      case 'create_meeting': {
        const m: Meeting = { id: meetings.length + 1, commission_id: 1, number: meetings.length + 1, held_on: args.request.held_on, place: args.request.place, present: args.request.present ?? commission?.members.map((x) => x.id) ?? [], finalised: null };
        meetings.push(m);
        return m;
      }
      case 'meeting_defaults': {
        const m = meetings.find((x) => x.id === args.meetingId);
        const day = `${m?.held_on.slice(0, 4) ?? YEAR}-${String(cohortSettings.arrival.month).padStart(2, '0')}-${String(cohortSettings.arrival.day).padStart(2, '0')}`;
        const held = m?.held_on ?? day;
        const latest = addYears(held, 2);
        return {
          arrival: m && m.held_on > day ? m.held_on : day,
          latest_arrival: latest,
          deferral_from: [addYears(held, -2), latest],
          deferral_years: 2,
        } satisfies MeetingDefaults;
      }
      case 'cohort_settings':
        return cohortSettings;
      case 'save_cohort_settings':
        cohortSettings = args.settings;
        return cohortSettings;
      case 'load_demo':
        return null;
      case 'meetings':
        return meetings;
      case 'undecided':
        return queue();
      case 'simulate':
        return simulation();
      case 'suggest':
        return simulation()[args.mode as Figures['mode']];
      case 'explain':
        return explanationOf(args.graduateId, args.mode);
      case 'standing':
        return explanationOf(args.graduateId, 'stable').standing;
      case 'set_unacceptable':
        return null;
      case 'print_draft':
        return `/home/secretary/.local/share/joldama/papers/draft-${args.year}-${args.mode}-${args.lang}.${args.xlsx ? 'xlsx' : 'pdf'}`;
      case 'application':
        return applicationOf(args.graduateId);
      case 'set_application':
        applications.set(args.request.graduate_id, { wishes: args.request.wishes, applied_on: args.request.applied_on, social: args.request.social });
        return applicationOf(args.request.graduate_id);
      case 'priority':
        return priority;
      case 'describe_priority':
        return orderText(args.priority);
      case 'save_priority':
        priority = args.priority;
        return priority;
      case 'accept_suggestions':
        return args.picks.length;
      case 'eligibility':
        return {
          graduate: detail(args.graduateId).graduate,
          coverage: coverageOf(args.graduateId),
          allowed: vacancies.filter((v) => v.places_left > 0).slice(0, 6).map((v, i) => ({ vacancy: v, score: { own_region: i < 2, programme_named: i < 3, places_left: v.places_left }, reasons: [] })),
          refused: vacancies.filter((v) => v.places_left === 0).slice(0, 4).map((v) => ({ vacancy: v, score: { own_region: false, programme_named: false, places_left: 0 }, reasons: [{ code: 'no_places_left', message: { kk: 'Бұл бос орында орын қалмады.', ru: 'В этой вакансии не осталось мест.' } }] })),
        } satisfies Eligibility;
      case 'decide': {
        const o = args.request.outcome;
        if (o.kind === 'employment_centre' && !o.override_reason)
          return fail('vacancies_available', 'Ережелер рұқсат ететін 6 бос орында орын бар: себебін жазыңыз', 'Есть места на 6 вакансиях: укажите причину', { count: '6' });
        return { id: 900, meeting_id: args.request.meeting_id, meeting_number: 2, meeting_date: '2025-07-04', graduate_id: args.request.graduate_id, outcome: o, term_years: 3, due: null, revises: args.request.revises, revised_by: null, reason: args.request.reason, created_at: '2025-07-04T10:00:00Z', created_by: 'secretary', summary: { kk: 'Шешім қабылданды', ru: 'Решение принято' }, review: null } satisfies DecisionView;
      }
      case 'refer_to_centre': {
        const r = args.request;
        return r.graduate_ids.map((graduate_id: number, i: number) => ({ id: 950 + i, meeting_id: r.meeting_id, meeting_number: 2, meeting_date: '2025-07-04', graduate_id, outcome: { kind: 'employment_centre', region: 'almaty_city', override_reason: r.reason }, term_years: 3, due: null, revises: null, revised_by: null, reason: null, created_at: '2025-07-04T10:00:00Z', created_by: 'secretary', summary: { kk: 'Жұмыспен қамту орталығына жолдама', ru: 'Направление в центр занятости' }, review: null }) satisfies DecisionView);
      }
      case 'confirm_arrival': {
        const k = keptOf(args.request.graduate_id);
        k.arrival = { on: args.request.on, confirmed_by: args.request.confirmed_by, note: args.request.note };
        if (!k.periods.some((p) => p.span.from === args.request.on))
          k.periods.push({ id: nextId++, activity: { kind: 'work', employer: { type: 'registered', bin: vacancies[2].employer.bin, name: vacancies[2].employer.name } }, place: { kind: vacancies[2].employer.kind, region: vacancies[2].region, rural: vacancies[2].rural }, span: { from: args.request.on, to: null }, note: null });
        return detail(args.request.graduate_id);
      }
      case 'add_period': {
        const r = args.request;
        if (r.kind === 'work' && !r.employer_bin && !r.employer_name) return fail('period_no_employer', 'Жұмыс берушіні көрсетіңіз', 'Укажите работодателя');
        const employer = r.employer_bin ? { type: 'registered' as const, bin: r.employer_bin, name: r.employer_name ?? r.employer_bin } : { type: 'unregistered' as const, name: r.employer_name ?? '' };
        keptOf(r.graduate_id).periods.push({ id: nextId++, activity: r.kind === 'work' ? { kind: 'work', employer } : { kind: r.kind }, place: r.place, span: { from: r.from, to: r.to }, note: r.note });
        return detail(r.graduate_id);
      }
      case 'end_period': {
        const id = ownerOf('periods', args.request.period_id);
        const p = keptOf(id).periods.find((x) => x.id === args.request.period_id);
        if (p) p.span = { ...p.span, to: args.request.to };
        return detail(id);
      }
      case 'remove_period': {
        const id = ownerOf('periods', args.periodId);
        const k = keptOf(id);
        k.periods = k.periods.filter((x) => x.id !== args.periodId);
        return detail(id);
      }
      case 'set_study_cost':
        keptOf(args.request.graduate_id).study_cost = { amount: args.request.amount, scope: args.request.scope, basis: args.request.basis };
        return detail(args.request.graduate_id);
      case 'set_grant_years':
        keptOf(args.request.graduate_id).grant = args.request.on_grant === null ? null : { on_grant: args.request.on_grant, normative: args.request.normative, source: 'card' };
        return detail(args.request.graduate_id);
      case 'record_payment': {
        const view = obligationOf(args.request.graduate_id);
        if (view.balance !== null && args.request.amount > view.balance)
          return fail('payment_above_balance', `Төлем қалған қарыздан (${view.balance} теңге) көп`, `Платёж больше остатка долга (${view.balance} тенге)`, { count: String(view.balance) });
        keptOf(args.request.graduate_id).payments.push({ id: nextId++, paid_on: args.request.paid_on, amount: args.request.amount, document: args.request.document });
        return detail(args.request.graduate_id);
      }
      case 'remove_payment': {
        const id = ownerOf('payments', args.paymentId);
        const k = keptOf(id);
        k.payments = k.payments.filter((x) => x.id !== args.paymentId);
        return detail(id);
      }
      case 'record_end':
        keptOf(args.request.graduate_id).end = args.request.end;
        return detail(args.request.graduate_id);
      case 'end_grounds':
        return [
          { ground: 'death', label: { kk: 'Жас маманның қайтыс болуы', ru: 'Смерть молодого специалиста' } },
          { ground: 'disability_during_term', label: { kk: 'Өтеу кезеңінде I немесе II топтағы мүгедектік белгіленуі', ru: 'Установление инвалидности I или II группы в период отработки' } },
          { ground: 'other_legal_ground', label: { kk: 'Заңнамада көзделген өзге негіз', ru: 'Иное основание, предусмотренное законодательством' } },
        ] satisfies EndChoice[];
      case 'export_financial_centre':
      case 'export_stats':
        return { file: args.path, rows: 42 } satisfies Written;
      case 'pick_save':
        return `/home/secretary/Құжаттар/${args.defaultName}`;
      case 'rules':
        return rules;
      case 'university':
        return { name: { kk: 'Әл-Фараби атындағы ҚазҰУ', ru: 'КазНУ имени аль-Фараби' }, address: { kk: 'Алматы қ., әл-Фараби даңғ., 71', ru: 'г. Алматы, пр. аль-Фараби, 71' }, letterhead: { kk: '', ru: '' } } satisfies University;
      case 'server_status':
        return {
          person: 'aigerim', role: 'administrator', schema_version: 14, encrypted: false, last_backup: null,
          holds: { years: [YEAR], graduates: graduates.length, vacancies: vacancies.length, meetings: meetings.length },
          people: [{ name: 'aigerim', role: 'administrator' }, { name: 'nurlan', role: 'member' }],
        } satisfies ServerStatus;
      case 'server_move_in':
        return { schema_version: 14, tables: [{ table: 'graduate', rows: graduates.length, checksum: '2e90941dc9db6f63'.repeat(4) }] } satisfies MovedIn;
      case 'server_add_person':
        return { name: args.person.name, role: args.person.role } satisfies ServerPerson;
      case 'server_set_role':
        return { name: args.name, role: args.role } satisfies ServerPerson;
      case 'server_remove_person':
        return null;
      case 'backups':
        return [{ path: '/home/secretary/.local/share/kz.joldama.app/backups/joldama-20250620T101500.sqlite3', created_at: '20250620T101500', bytes: 3456789 }] satisfies Backup[];
      case 'placement_stats': {
        const t = (counts: PlacementTally['counts']): PlacementTally => ({ counts });
        return {
          by_programme: PROGRAMMES.map(([code, name], i) => [{ code, name }, t([20 + i * 3, 5, 2, 1, 8 - i])]),
          by_funding: [['state_order', t([80, 14, 6, 3, 20])], ['rural_quota', t([30, 4, 1, 0, 5])], ['serpin', t([12, 2, 0, 1, 3])]],
          by_region: [...REGIONS.map((r, i): PlacementStats['by_region'][number] => [r, t([10 + i * 2, 0, 0, 0, 0])]), [null, t([0, 20, 7, 4, 28])]],
          total: t([122, 20, 7, 4, 28]),
        } satisfies PlacementStats;
      }
      case 'exemption_grounds':
        return [
          { ground: 'spouse_locality', label: { kk: 'Жұбайының елді мекенінде бос орын жоқ', ru: 'Нет вакансии по месту супруга' }, proof_groups: [[{ document: 'marriage_certificate', label: { kk: 'Неке қию туралы куәлік', ru: 'Свидетельство о браке' } }], [{ document: 'no_vacancy_letter', label: { kk: 'Бос орын жоқ туралы хат', ru: 'Письмо об отсутствии вакансий' } }]] },
          { ground: 'pregnancy_or_young_child', label: { kk: 'Жүктілік немесе үш жасқа дейінгі бала', ru: 'Беременность или ребёнок до трёх лет' }, proof_groups: [[{ document: 'medical_certificate', label: { kk: 'Медициналық анықтама', ru: 'Медицинская справка' } }, { document: 'child_birth_certificate', label: { kk: 'Баланың туу туралы куәлігі', ru: 'Свидетельство о рождении' } }]] },
        ] satisfies GroundChoice[];
      case 'deferral_reasons':
        return [{ reason: 'military_conscription', label: { kk: 'Мерзімді әскери қызметке шақырылу', ru: 'Призыв на срочную службу' } }] satisfies DeferralChoice[];
      case 'preview_graduates':
      case 'preview_vacancies':
        return {
          file: String(args.path).split('/').pop() ?? '',
          sheet: args.sheet ? String(args.sheet) : 'Лист1',
          sheet_hidden: false,
          sheets: [
            { name: 'Титул', hidden: false },
            { name: 'Лист1', hidden: false },
          ],
          headers: [
            { index: 0, letter: 'A', text: '№', field: null, evidence: null },
            { index: 1, letter: 'B', text: 'ИИН', field: 'iin', evidence: { kk: '«ИИН» тақырыбы', ru: 'заголовок «ИИН»' } },
            { index: 2, letter: 'C', text: 'ФИО', field: 'full_name', evidence: { kk: '«ФИО» тақырыбы', ru: 'заголовок «ФИО»' } },
            {
              index: 3,
              letter: 'D',
              text: 'Основа обучения',
              field: args.mapping ? 'funding' : null,
              evidence: args.mapping ? { kk: 'қолмен таңдалды', ru: 'выбрано вручную' } : null,
            },
          ],
          fields: [
            { code: 'iin', label: { kk: 'ЖСН', ru: 'ИИН' }, required: true },
            { code: 'full_name', label: { kk: 'Т.А.Ә.', ru: 'ФИО' }, required: false },
            { code: 'funding', label: { kk: 'Қаржыландыру көзі', ru: 'Источник финансирования' }, required: true },
          ],
          tally: {
            header_row: 4,
            data_rows: 121,
            valid: 118,
            problems: [
              { row: 17, column: 'B', header: 'ИИН', field: 'iin', code: 'iin_check_digit', value: '870412300416', person: 'Ахметов Айдос', message: { kk: 'ЖСН бақылау цифры қате', ru: 'Неверная контрольная цифра ИИН' } },
              { row: 40, column: 'C', header: 'ФИО', field: 'full_name', code: 'missing_field', value: null, person: null, message: { kk: 'Тегі толтырылмаған', ru: 'Не заполнена фамилия' } },
            ],
            skipped_rows: [126, 127],
          },
          records: 118,
          remembered: null,
        } satisfies ImportPreview;
      case 'import_graduates':
      case 'import_vacancies':
        return {
          file: String(args.path).split('/').pop() ?? '',
          sheet: 'Лист1',
          sheet_hidden: false,
          year: 2025,
          columns: [],
          dry_run: false,
          header_row: 4,
          data_rows: 121,
          valid: 118,
          problems: [
            { row: 17, column: 'B', header: 'ИИН', field: 'iin', code: 'iin_check_digit', value: '870412300416', person: 'Ахметов Айдос', message: { kk: 'ЖСН бақылау цифры қате', ru: 'Неверная контрольная цифра ИИН' } },
            { row: 40, column: 'C', header: 'ФИО', field: 'full_name', code: 'hidden_characters', value: 'Сейтқали U+001B', person: 'Сейтқали Мадина', message: { kk: 'Мәтінде көрінбейтін басқару таңбалары бар', ru: 'В тексте есть невидимые управляющие символы' } },
          ],
          skipped_rows: [126, 127],
          imported: 110,
          updated: 8,
          unchanged: 0,
          decided:
            cmd === 'import_graduates'
              ? [{ label: `${graduates[2].full_name}, ${graduates[2].iin}`, changes: [RENAMED] }]
              : [],
        } satisfies ImportReport;
      case 'pick_file':
        return '/home/secretary/Жүктеулер/graduates_2025_kk.xlsx';
      case 'print_papers': {
        // Named by the number; with the graduate's name only when asked (`fileNames`).
        const folder = '/home/secretary/.local/share/kz.joldama.app/papers/meeting-2-kk';
        const named = args.fileNames === 'number_and_name';
        const files = Array.from({ length: 8 }, (_, i) => `${folder}/${String(i + 1).padStart(3, '0')}${named ? `-${graduates[i].full_name.replace(' ', '_')}` : ''}-referral.pdf`);
        return { folder, files } satisfies PapersResult;
      }
      default:
        return null;
    }
  },
  { shouldMockEvents: true },
);

const wantLang = new URLSearchParams(location.search).get('lang');
if (wantLang === 'ru' || wantLang === 'kk') localStorage.setItem('joldama.lang', wantLang);

await import('../src/main');
const { app } = await import('../src/lib/state.svelte');
const want = new URLSearchParams(location.search).get('screen');
if (want) app.screen = want as typeof app.screen;

// `?act=click:SELECTOR|type:SELECTOR~TEXT|key:SELECTOR~KEY|select:SELECTOR~VALUE|wait` — steps 600 ms
// apart, for screenshots.
const steps = (new URLSearchParams(location.search).get('act') ?? '').split('|').filter(Boolean);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
await pause(900);
for (const step of steps) {
  const [verb, rest] = [step.slice(0, step.indexOf(':')), step.slice(step.indexOf(':') + 1)];
  if (verb === 'click') (document.querySelector(rest) as HTMLElement | null)?.click();
  if (verb === 'type' || verb === 'key') {
    const [sel, value] = rest.split('~');
    const el = document.querySelector(sel) as HTMLInputElement | null;
    if (el && verb === 'type') {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (el) {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: value, bubbles: true }));
    }
  }
  if (verb === 'select') {
    const [sel, value] = rest.split('~');
    const el = document.querySelector(sel) as HTMLSelectElement | null;
    if (el) {
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
  await pause(600);
}
