// A stand-in for the Rust side, for looking at the window in a plain browser (screenshots,
// design checks) without building the app: `npm run mock` then open http://localhost:4173.
// Not part of the app's build.

import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type {
  AppInfo,
  Backup,
  Commission,
  DecisionView,
  DeferralChoice,
  Eligibility,
  GraduateDetail,
  GraduatePage,
  GraduateQuery,
  GraduateRow,
  GroundChoice,
  ImportPreview,
  Meeting,
  PapersResult,
  PlacementStats,
  PlacementTally,
  ProgrammeOption,
  Rule,
  University,
  Vacancy,
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
const STATUSES = ['undecided', 'undecided', 'vacancy', 'vacancy', 'employment_centre', 'exemption', 'undecided'] as const;

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
    },
    obligation: { status: 'bound', row: 3, name: rules[2].name, funding: g.funding, term_years: 3 },
    decisions: g.status === 'undecided' ? [] : [
      {
        decision: { id: 100 + id, meeting_id: 1, meeting_number: 1, graduate_id: id, outcome: { kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-01' }, term_years: 3, revises: null, revised_by: null, reason: null, created_at: '2025-06-20T10:11:00Z', created_by: 'secretary' },
        summary: { kk: 'Бос орынға жолдама: КММ «№5 мектеп», мұғалім; келу күні 01.09.2025', ru: 'Направление на вакансию: КГУ «Школа №5», учитель; дата прибытия 01.09.2025' },
      },
    ],
    followup: {
      arrival: { on: '2025-09-01', confirmed_by: 'Жұмыс берушінің хаты №12', note: null },
      periods: [{ id: 1, activity: { kind: 'work', employer: { type: 'registered', bin: '940140000385', name: 'КММ «№5 мектеп»' } }, span: { from: '2025-09-01', to: null }, note: null }],
      study_cost: { amount: 2450000, basis: null },
    },
    term_years: 3,
    status: { as_of: '2026-11-22', state: 'in_progress', term_days: 1096, counted_days: 448, deferred_days: 0, remaining_days: 648, ends_on: '2028-08-31', refund: 1448358 },
    no_status: null,
    history: [
      { at: '2025-06-01T09:00:00Z', actor: 'secretary', action: 'insert', entity: 'graduate', entity_id: id, details: { new: { iin: g.iin }, source: 'graduates_2025.xlsx' } },
      { at: '2025-06-20T10:11:00Z', actor: 'secretary', action: 'insert', entity: 'decision', entity_id: 100 + id, details: null },
    ],
  };
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

mockWindows('main');
mockIPC(
  async (cmd, raw) => {
    const args = (raw ?? {}) as Record<string, any>;
    switch (cmd) {
      case 'app_info':
        return { version: '0.1.0', db_path: '/home/secretary/.local/share/kz.joldama.app/joldama.sqlite3', data_dir: '/home/secretary/.local/share/kz.joldama.app', schema_version: 4, years: [YEAR, 2024], graduates: graduates.length, vacancies: vacancies.length, meetings: meetings.length } satisfies AppInfo;
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
        commission = { id: 1, year: args.year, name: args.name, members: [] };
        return commission;
      case 'meetings':
        return meetings;
      case 'undecided':
        return graduates.filter((g) => g.status === 'undecided').slice(0, 40);
      case 'eligibility':
        return {
          graduate: detail(args.graduateId).graduate,
          obligation: detail(args.graduateId).obligation,
          allowed: vacancies.filter((v) => v.places_left > 0).slice(0, 6).map((v, i) => ({ vacancy: v, score: { own_region: i < 2, programme_named: i < 3, places_left: v.places_left }, reasons: [] })),
          refused: vacancies.filter((v) => v.places_left === 0).slice(0, 4).map((v) => ({ vacancy: v, score: { own_region: false, programme_named: false, places_left: 0 }, reasons: [{ code: 'no_places_left', message: { kk: 'Бұл бос орында орын қалмады.', ru: 'В этой вакансии не осталось мест.' } }] })),
        } satisfies Eligibility;
      case 'decide':
        if (args.request.outcome.kind === 'employment_centre' && !args.request.outcome.confirmed)
          return fail('vacancies_available', 'Рұқсат етілген 6 бос орында орын бар', 'Есть места на 6 вакансиях', { count: '6' });
        return { decision: { id: 900, meeting_id: args.request.meeting_id, meeting_number: 2, graduate_id: args.request.graduate_id, outcome: args.request.outcome, term_years: 3, revises: null, revised_by: null, reason: null, created_at: '2025-07-04T10:00:00Z', created_by: 'secretary' }, summary: { kk: 'Бос орынға жолдама', ru: 'Направление на вакансию' } } satisfies DecisionView;
      case 'rules':
        return rules;
      case 'university':
        return { name: { kk: 'Әл-Фараби атындағы ҚазҰУ', ru: 'КазНУ имени аль-Фараби' }, address: { kk: 'Алматы қ., әл-Фараби даңғ., 71', ru: 'г. Алматы, пр. аль-Фараби, 71' }, letterhead: { kk: '', ru: '' } } satisfies University;
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
          sheet: 'Лист1',
          headers: [
            { index: 0, letter: 'A', text: '№', field: null },
            { index: 1, letter: 'B', text: 'ИИН', field: 'iin' },
            { index: 2, letter: 'C', text: 'ФИО', field: 'full_name' },
            { index: 3, letter: 'D', text: 'Основа обучения', field: args.mapping ? 'funding' : null },
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
              { row: 17, column: 'B', header: 'ИИН', field: 'iin', code: 'iin_check_digit', message: { kk: 'ЖСН бақылау цифры қате', ru: 'Неверная контрольная цифра ИИН' } },
              { row: 40, column: 'C', header: 'ФИО', field: 'full_name', code: 'missing_field', message: { kk: 'Тегі толтырылмаған', ru: 'Не заполнена фамилия' } },
            ],
            skipped_rows: [126, 127],
          },
          records: 118,
        } satisfies ImportPreview;
      case 'pick_file':
        return '/home/secretary/Жүктеулер/graduates_2025_kk.xlsx';
      case 'print_papers':
        return { folder: '/home/secretary/.local/share/kz.joldama.app/papers/meeting-2-kk', files: Array.from({ length: 8 }, (_, i) => `/home/secretary/.local/share/kz.joldama.app/papers/meeting-2-kk/${String(i + 1).padStart(3, '0')}-referral.pdf`) } satisfies PapersResult;
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
