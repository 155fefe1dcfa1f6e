// Records as the shell sends them, for the component tests: each builder gives a plain valid
// value that a test overrides where it matters.
import type {
  CohortSettings,
  DecisionView,
  Eligibility,
  Explanation,
  Figures,
  Graduate,
  GraduateDetail,
  GraduateRow,
  ImportReport,
  Meeting,
  ObligationView,
  Period,
  PeriodView,
  QueueRow,
  Simulation,
  Suggestion,
  Vacancy,
} from '../lib/types';

export function graduate(over: Partial<Graduate> = {}): Graduate {
  return {
    id: 7,
    iin: '020427650123',
    surname: 'Сейітқалиева',
    name: 'Айдана',
    patronymic: null,
    birth_date: '2002-04-27',
    sex: 'female',
    level: 'bachelor',
    funding: 'state_order',
    field: 'pedagogical',
    program_code: '6B01501',
    program_name: 'Математика',
    graduation_year: 2025,
    region: 'almaty_city',
    phone: null,
    email: null,
    ...over,
  };
}

export function vacancy(over: Partial<Vacancy> = {}): Vacancy {
  return {
    id: 3,
    places_left: 2,
    employer: { bin: '940140000385', name: 'КММ «№5 мектеп»', kind: 'education', ownership: 'state' },
    year: 2025,
    position: 'Математика пәнінің мұғалімі',
    program_codes: [],
    places: 3,
    region: 'zhambyl',
    district: null,
    settlement: 'Мерке',
    rural: true,
    contact_person: null,
    phone: null,
    ...over,
  };
}

export function decisionView(over: Partial<DecisionView> = {}): DecisionView {
  return {
    id: 101,
    meeting_id: 1,
    meeting_number: 1,
    meeting_date: '2025-06-20',
    graduate_id: 7,
    outcome: { kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-01' },
    term_years: 3,
    due: { arrival: '2025-09-01', deadline: '2025-10-01' },
    revises: null,
    revised_by: null,
    reason: null,
    created_at: '2025-06-20T10:11:00Z',
    created_by: 'secretary',
    summary: { kk: 'Бос орынға жолдама', ru: 'Направление на вакансию' },
    review: null,
    ...over,
  };
}

export function period(over: Partial<Period> = {}): Period {
  return {
    id: 1,
    activity: { kind: 'work', employer: { type: 'registered', bin: '940140000385', name: 'КММ «№5 мектеп»' } },
    place: { kind: 'education', region: 'zhambyl', rural: true },
    span: { from: '2025-09-01', to: null },
    note: null,
    ...over,
  };
}

export function periodView(over: Partial<PeriodView> = {}): PeriodView {
  return { period: period(), counts: true, days: 448, reasons: [], ...over };
}

/** A graduate working off a three-year term, the cost recorded: nothing owed. */
export function obligation(over: Partial<ObligationView> = {}): ObligationView {
  return {
    graduate_id: 7,
    coverage: {
      status: 'covered',
      row: 3,
      name: { kk: 'Мемлекеттік тапсырыс', ru: 'Госзаказ' },
      funding: 'state_order',
      term_years: 3,
    },
    decision: decisionView(),
    state_label: { kk: 'Жұмыс істеп жүр', ru: 'Работает' },
    study_cost: { amount: 2450000, scope: 'grant_years', basis: null },
    share: null,
    arrival: { on: '2025-09-01', confirmed_by: 'Хат №12', note: null },
    periods: [periodView()],
    payments: [],
    end: null,
    notes: [],
    as_of: '2026-11-22',
    state: 'working',
    start: '2025-09-01',
    deadline: null,
    since: null,
    term: { years: 3, full_days: 1096, share: null, days: 1096 },
    term_days: 1096,
    counted_days: 448,
    paused_days: 0,
    remaining_days: 648,
    ends_on: '2028-08-31',
    refund_owed: 0,
    refund_if_stopped: 1448358,
    paid: 0,
    balance: null,
    ...over,
  };
}

export function detail(over: Partial<GraduateDetail> = {}): GraduateDetail {
  return {
    graduate: graduate(),
    decisions: [decisionView()],
    obligation: obligation(),
    history: [],
    version: 7,
    ...over,
  };
}

export function meeting(over: Partial<Meeting> = {}): Meeting {
  return { id: 2, commission_id: 1, number: 2, held_on: '2025-07-04', place: null, present: [1, 2], finalised: null, ...over };
}

export function graduateRow(over: Partial<GraduateRow> = {}): GraduateRow {
  return {
    id: 7,
    iin: '020427650123',
    full_name: 'Сейітқалиева Айдана',
    program_code: '6B01501',
    program_name: 'Математика',
    level: 'bachelor',
    funding: 'state_order',
    graduation_year: 2025,
    region: 'almaty_city',
    status: 'undecided',
    ...over,
  };
}

export function queueRow(over: Partial<QueueRow> = {}): QueueRow {
  return { ...graduateRow(), state: 'awaiting_decision', revises: null, changed: [], ...over };
}

/** An import's answer: 117 new, 2 updated, no problems, no decided record changed. */
export function importReport(over: Partial<ImportReport> = {}): ImportReport {
  return {
    file: 'list.xlsx',
    sheet: 'Лист1',
    sheet_hidden: false,
    year: 2025,
    columns: [],
    dry_run: false,
    header_row: 4,
    data_rows: 121,
    valid: 119,
    problems: [],
    skipped_rows: [],
    imported: 117,
    updated: 2,
    unchanged: 0,
    decided: [],
    ...over,
  };
}

export function cohortSettings(over: Partial<CohortSettings> = {}): CohortSettings {
  return {
    arrival: { month: 9, day: 1 },
    arrival_grace_days: 30,
    gap_grace_days: 30,
    uncovered_term_years: 3,
    normative_years: { bachelor: 4, master: 2, residency: 2, doctorate: 3 },
    ...over,
  };
}

export function eligibility(over: Partial<Eligibility> = {}): Eligibility {
  return {
    graduate: graduate(),
    coverage: obligation().coverage,
    allowed: [{ vacancy: vacancy(), score: { own_region: false, programme_named: false, places_left: 2 }, reasons: [] }],
    refused: [],
    ...over,
  };
}

export function suggestion(over: Partial<Suggestion> = {}): Suggestion {
  return { graduate_id: 7, vacancy_id: 3, wish: null, own_region: true, programme_named: false, cost: 10, ...over };
}

export function figures(over: Partial<Figures> = {}): Figures {
  return { mode: 'stable', graduates: 3, places: 4, placed: 2, by_wish: [1, 1], no_wish: 0, unplaced: 1, envy: 0, ...over };
}

/** Both modes over three graduates (7, 8, 9): stable places two, fill all three. */
export function simulation(over: Partial<Simulation> = {}): Simulation {
  return {
    year: 2025,
    priority: { kk: '1. Орташа балл (GPA); соңында: Жеребе (кілті 7)', ru: '1. Средний балл (GPA); затем: Жеребьёвка (ключ 7)' },
    stable: [suggestion({ graduate_id: 7, wish: 1 }), suggestion({ graduate_id: 8, wish: 2 })],
    fill: [7, 8, 9].map((graduate_id) => suggestion({ graduate_id })),
    figures: [
      figures(),
      figures({ mode: 'fill', placed: 3, by_wish: [0, 0, 0, 0, 1], no_wish: 2, unplaced: 0, envy: 2 }),
    ],
    ...over,
  };
}

/** Why graduate 9 gets nothing: 2nd of 3, their first wish's only vacancy taken above them. */
export function explanation(over: Partial<Explanation> = {}): Explanation {
  return {
    graduate_id: 9,
    standing: {
      place: 2,
      rural_place: 1,
      of: 3,
      facts: [['grade_average', { kk: '3.21', ru: '3.21' }]],
      order: { kk: '1. Орташа балл (GPA); соңында: Жеребе (кілті 7)', ru: '1. Средний балл (GPA); затем: Жеребьёвка (ключ 7)' },
    },
    got: null,
    wishes: [
      {
        rank: 1,
        wish: { kind: 'vacancy', vacancy_id: 3 },
        vacancies: [
          {
            vacancy_id: 3,
            employer: 'КММ «№5 мектеп»',
            position: 'Математика пәнінің мұғалімі',
            why: { kind: 'taken', places: 1, above: [[{ by: 'criterion', code: 'grade_average' }, 1]], below: 0, free: 0 },
            text: { kk: '1 орын; 1 орын кезекте жоғары тұрған түлектерге берілді.', ru: 'Мест: 1; 1 отдано выпускникам выше в очереди.' },
          },
        ],
        text: { kk: 'Бос орындар: 1: орындары басқаларға берілді — 1.', ru: 'Вакансий: 1: места отданы другим — 1.' },
      },
      {
        rank: 2,
        wish: { kind: 'region', region: 'abai' },
        vacancies: [],
        text: { kk: 'Бұл тілекке сай ашық бос орын жоқ.', ru: 'Открытых вакансий по этому пожеланию нет.' },
      },
    ],
    ...over,
  };
}

/** An AppError as the shell rejects with. */
export function appError(code: string, params: Record<string, string> = {}) {
  return { code, params, message: { kk: `сервер: ${code}`, ru: `сервер (ru): ${code}` } };
}
